/** MARSYS's `Message` (spec §4.1–§4.3) and its conversions to the LLM / file shape. */
import { dumpPyJson, isTruthy } from '../../../../shared/pyjson'
import { isPyBlank } from '../../../../shared/tokens/pyText'
import { pyStr } from '../../../../shared/tokens/pyRepr'
import { asPythonData, dictGet, isDict } from '../../../../shared/tokens/pythonData'
import { AgentCallMsg, ToolCallMsg } from './calls'
import { MarsysValueError, MessageError } from './marsysErrors'
import { type ImageSource, NO_IMAGES, imageDataUrl } from './imageSource'
import { type JsonValue, compactJson, pyTypeName } from './jsonValue'
import type { LlmDict, ToolCallDict } from './llmDict'

/** A tool call given as a ToolCallMsg or as an OpenAI-shaped dict (converted and validated). */
export type ToolCallInput = ToolCallMsg | Record<string, unknown> | JsonValue
/** An agent call given as an AgentCallMsg or as `{agent_name, request}`. */
export type AgentCallInput = AgentCallMsg | Record<string, unknown> | JsonValue

export interface MessageInit {
  /** Not validated, as in MARSYS: any string, including "". */
  role: string
  content?: JsonValue
  /** Default: a new uuid4. */
  messageId?: string
  name?: string | null
  toolCalls?: readonly ToolCallInput[] | null
  agentCalls?: readonly AgentCallInput[] | null
  structuredData?: JsonValue
  /** Local image paths, inlined as base64 data URLs by `toLlmDict`. */
  images?: readonly string[] | null
  toolCallId?: string | null
  /** Provider reasoning blocks (e.g. Gemini thought signatures), passed back verbatim. */
  reasoningDetails?: readonly JsonValue[] | null
  responseMetadata?: JsonValue
}

export interface LlmDictOptions {
  /** Where image paths are read from; default: nowhere (every image is skipped). */
  images?: ImageSource
  /** Receives MARSYS's warnings, e.g. for an image that cannot be read. */
  onWarning?: (message: string) => void
}

/** The full field dump of a Message (Python `dataclasses.asdict` shape, snake_case keys). */
export interface MessageDict {
  role: string
  content: JsonValue
  message_id: string
  name: string | null
  tool_calls: Array<{ id: string; call_id: string; type: string; name: string; arguments: string }> | null
  agent_calls: Array<{ agent_name: string; request: JsonValue }> | null
  structured_data: JsonValue
  images: string[] | null
  tool_call_id: string | null
  reasoning_details: JsonValue[] | null
  response_metadata: JsonValue
}

function convertCalls<T>(
  value: unknown,
  field: 'tool_calls' | 'agent_calls',
  messageId: string,
  isInstance: (item: unknown) => item is T,
  fromDict: (item: unknown) => T,
): T[] | null {
  if (value === null || value === undefined) return null
  const className = field === 'tool_calls' ? 'ToolCallMsg' : 'AgentCallMsg'
  if (!Array.isArray(value)) {
    throw new MessageError(`${field} must be a list, got ${pyTypeName(value)}`, {
      messageId,
      invalidData: value,
      path: field,
    })
  }
  return value.map((item, i) => {
    if (isInstance(item)) return item
    if (!isDict(item)) {
      throw new MessageError(`${field}[${i}] must be dict or ${className}, got ${pyTypeName(item)}`, {
        messageId,
        invalidData: item,
        path: `${field}[${i}]`,
      })
    }
    try {
      return fromDict(item)
    } catch (error) {
      if (!(error instanceof MarsysValueError)) throw error
      throw new MessageError(
        `Failed to convert ${field}[${i}] to ${className}: ${error.message}`,
        {
          messageId,
          invalidData: item,
          path: error.field === '' ? `${field}[${i}]` : `${field}[${i}].${error.field}`,
        },
        { cause: error },
      )
    }
  })
}

function validateImages(value: unknown, messageId: string): string[] | null {
  if (value === null || value === undefined) return null
  if (!Array.isArray(value)) {
    throw new MessageError(`images must be a list, got ${pyTypeName(value)}`, {
      messageId,
      invalidData: value,
      path: 'images',
    })
  }
  value.forEach((image, i) => {
    if (typeof image !== 'string') {
      throw new MessageError(`images[${i}] must be a string (path/URL), got ${pyTypeName(image)}`, {
        messageId,
        invalidData: image,
        path: `images[${i}]`,
      })
    }
  })
  return [...(value as string[])]
}

export class Message {
  readonly role: string
  readonly content: JsonValue
  readonly messageId: string
  readonly name: string | null
  readonly toolCalls: readonly ToolCallMsg[] | null
  readonly agentCalls: readonly AgentCallMsg[] | null
  readonly structuredData: JsonValue
  readonly images: readonly string[] | null
  readonly toolCallId: string | null
  readonly reasoningDetails: readonly JsonValue[] | null
  readonly responseMetadata: JsonValue

  /**
   * Converts dict tool/agent calls to ToolCallMsg/AgentCallMsg and checks `images`.
   * @throws MessageError (with `details.path`) for a non-list or unconvertible tool_calls/agent_calls or images.
   */
  constructor(init: MessageInit) {
    this.messageId = init.messageId ?? globalThis.crypto.randomUUID()
    this.role = init.role
    this.content = init.content ?? null
    this.name = init.name ?? null
    this.toolCalls = convertCalls(
      init.toolCalls,
      'tool_calls',
      this.messageId,
      (x) => x instanceof ToolCallMsg,
      ToolCallMsg.fromDict,
    )
    this.agentCalls = convertCalls(
      init.agentCalls,
      'agent_calls',
      this.messageId,
      (x) => x instanceof AgentCallMsg,
      AgentCallMsg.fromDict,
    )
    this.images = validateImages(init.images, this.messageId)
    this.structuredData = init.structuredData ?? null
    this.toolCallId = init.toolCallId ?? null
    this.reasoningDetails = init.reasoningDetails ? [...init.reasoningDetails] : null
    this.responseMetadata = init.responseMetadata ?? null
  }

  /** A copy with some fields replaced (the message id is kept unless given). */
  with(changes: Partial<MessageInit>): Message {
    return new Message({ ...this.toInit(), ...changes })
  }

  toInit(): MessageInit {
    return {
      role: this.role,
      content: this.content,
      messageId: this.messageId,
      name: this.name,
      toolCalls: this.toolCalls,
      agentCalls: this.agentCalls,
      structuredData: this.structuredData,
      images: this.images,
      toolCallId: this.toolCallId,
      reasoningDetails: this.reasoningDetails,
      responseMetadata: this.responseMetadata,
    }
  }

  /**
   * The dict MARSYS sends to the LLM and writes to memory files (spec §2.3), key order included. Reads image
   * files through `opts.images` every time, as MARSYS does.
   */
  toLlmDict(opts: LlmDictOptions = {}): LlmDict {
    if (this.role === 'tool') return this.toolLlmDict()
    const result: LlmDict = { role: this.role, content: this.llmContent(opts) }
    if (isTruthy(this.name)) result.name = this.name as string
    if (this.toolCalls && this.toolCalls.length > 0)
      result.tool_calls = this.toolCalls.map((call) => call.toDict())
    if (this.reasoningDetails && this.reasoningDetails.length > 0)
      result.reasoning_details = [...this.reasoningDetails]
    return result
  }

  private toolLlmDict(): LlmDict {
    const content = this.content
    let text: string
    if (typeof content === 'string') text = content
    else if (content === null) text = ''
    else if (isDict(content)) text = compactJson(content)
    else text = pyStr(content) // a list becomes its Python repr, 68 becomes "68", True becomes "True"
    const result: LlmDict = { role: 'tool', content: text }
    if (isTruthy(this.toolCallId)) result.tool_call_id = this.toolCallId as string
    if (isTruthy(this.name)) result.name = this.name as string
    return result
  }

  private llmContent(opts: LlmDictOptions): JsonValue {
    const content = this.content
    if (Array.isArray(content)) return content
    if (this.images && this.images.length > 0) return this.contentWithImages(this.images, opts)
    if (isDict(content)) return compactJson(content)
    return content
  }

  private contentWithImages(images: readonly string[], opts: LlmDictOptions): JsonValue[] {
    const parts: JsonValue[] = []
    if (this.content !== null) {
      const text = isDict(this.content) ? compactJson(this.content) : pyStr(this.content)
      // A blank text is dropped entirely, whitespace included (MARSYS's `if content_text.strip()`).
      if (!isPyBlank(text)) parts.push({ type: 'text', text })
    }
    const source = opts.images ?? NO_IMAGES
    for (const path of images) {
      const base64 = source.readBase64(path)
      if (base64 === null) {
        opts.onWarning?.(`Failed to encode image ${path}`)
        continue
      }
      parts.push({ type: 'image_url', image_url: { url: imageDataUrl(path, base64) } })
    }
    return parts
  }

  /**
   * MARSYS's older OpenAI conversion (spec §4.3, not used for files): content only when not None (a dict becomes
   * `json.dumps` with default separators and ASCII escapes), name on any role, tool_call_id only on tool messages.
   * Images are ignored.
   */
  toApiFormat(): Record<string, JsonValue> {
    const result: Record<string, JsonValue> = { role: this.role }
    if (this.content !== null) {
      result.content = isDict(this.content) ? dumpPyJson(asPythonData(this.content)) : this.content
    }
    if (isTruthy(this.name)) result.name = this.name
    if (this.toolCalls && this.toolCalls.length > 0) {
      result.tool_calls = this.toolCalls.map((call) => call.toDict() as unknown as JsonValue)
    }
    if (this.role === 'tool' && isTruthy(this.toolCallId)) result.tool_call_id = this.toolCallId
    if (this.reasoningDetails && this.reasoningDetails.length > 0)
      result.reasoning_details = [...this.reasoningDetails]
    return result
  }

  /** Every field, snake_case (what `dataclasses.asdict` gives); nothing is lost, unlike `toLlmDict`. */
  toDict(): MessageDict {
    return {
      role: this.role,
      content: this.content,
      message_id: this.messageId,
      name: this.name,
      tool_calls:
        this.toolCalls?.map((c) => ({
          id: c.id,
          call_id: c.callId,
          type: c.type,
          name: c.name,
          arguments: c.arguments,
        })) ?? null,
      agent_calls: this.agentCalls?.map((c) => c.toDict()) ?? null,
      structured_data: this.structuredData,
      images: this.images ? [...this.images] : null,
      tool_call_id: this.toolCallId,
      reasoning_details: this.reasoningDetails ? [...this.reasoningDetails] : null,
      response_metadata: this.responseMetadata,
    }
  }

  /** Inverse of `toDict`; tool calls may also be in the OpenAI shape. */
  static fromDict(data: Record<string, unknown> | MessageDict): Message {
    const get = (key: string): unknown => dictGet(data, key)
    const toolCalls = get('tool_calls')
    return new Message({
      role: get('role') as string,
      content: (get('content') ?? null) as JsonValue,
      messageId: (get('message_id') ?? undefined) as string | undefined,
      name: get('name') as string | null,
      toolCalls: Array.isArray(toolCalls) ? toolCalls.map(flatToolCall) : (toolCalls as null),
      agentCalls: get('agent_calls') as AgentCallInput[] | null,
      structuredData: (get('structured_data') ?? null) as JsonValue,
      images: get('images') as string[] | null,
      toolCallId: get('tool_call_id') as string | null,
      reasoningDetails: get('reasoning_details') as JsonValue[] | null,
      responseMetadata: (get('response_metadata') ?? null) as JsonValue,
    })
  }

  /**
   * From a model response dict (spec §4.1): reads role, content, name, message_id, tool_calls, agent_calls,
   * structured_data and images; a key that is present wins over the default even when it is null.
   */
  static fromResponseDict(
    responseDict: Record<string, unknown>,
    opts: {
      defaultId?: string
      defaultRole?: string
      defaultName?: string | null
      processor?: (dict: Record<string, unknown>) => Record<string, unknown>
    } = {},
  ): Message {
    const dict = opts.processor ? opts.processor(responseDict) : responseDict
    const getOr = (key: string, fallback: unknown): unknown =>
      Object.hasOwn(dict, key) ? dict[key] : fallback
    return new Message({
      role: getOr('role', opts.defaultRole ?? 'assistant') as string,
      content: (getOr('content', null) ?? null) as JsonValue,
      name: getOr('name', opts.defaultName ?? null) as string | null,
      messageId: getOr('message_id', opts.defaultId ?? globalThis.crypto.randomUUID()) as string,
      toolCalls: getOr('tool_calls', null) as ToolCallInput[] | null,
      agentCalls: getOr('agent_calls', null) as AgentCallInput[] | null,
      structuredData: (getOr('structured_data', null) ?? null) as JsonValue,
      images: getOr('images', null) as string[] | null,
    })
  }
}

// toDict writes tool calls flat ({id, call_id, type, name, arguments}); fromDict accepts that and the OpenAI shape.
function flatToolCall(item: unknown): ToolCallInput {
  if (!isDict(item) || dictGet(item, 'function') !== undefined || dictGet(item, 'call_id') === undefined)
    return item as ToolCallInput
  const get = (key: string) => dictGet(item, key) as string
  return new ToolCallMsg({
    id: get('id'),
    callId: get('call_id'),
    type: get('type'),
    name: get('name'),
    arguments: get('arguments'),
  })
}

export type { LlmDict, ToolCallDict }
