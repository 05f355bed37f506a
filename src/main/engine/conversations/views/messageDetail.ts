import {
  MESSAGE_TEXT_LIMIT,
  type ContentPart,
  type Diagnostic,
  type HandoffsView,
  type MessageDetail,
  type ToolCallView,
} from '../../../../shared/model/document'
import { describeDataUrl } from './dataUrl'
import type { ConversationIndex } from '../index/conversationIndex'
import { flagsFromBits } from '../index/flags'
import { isRecord, toolCallsOf } from '../index/messageFacts'
import { HANDOFF_TOOL, handoffsOfToolCall, parseAgentCalls, type ParsedHandoffs } from '../handoffCalls'

const KNOWN_KEYS = new Set(['role', 'content', 'name', 'tool_calls', 'tool_call_id', 'reasoning_details'])

/** Hand-offs as a detail carries them: each request whole, or cut to MESSAGE_TEXT_LIMIT with its length. */
function handoffsView(parsed: ParsedHandoffs): HandoffsView {
  return {
    invocations: parsed.invocations.map(({ agent, request }) => {
      const { text, totalLength } = cut(request)
      return { agent, request: text, ...(totalLength !== undefined ? { requestLength: totalLength } : {}) }
    }),
    problem: parsed.problem,
  }
}

/** An `invoke_agent` call too long to parse here still says it hands off, and where to look. */
const TOO_LONG_HANDOFF: HandoffsView = {
  invocations: [],
  problem: 'the arguments are too long to read here; the Hand-offs panel lists this call',
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** A text as a detail carries it: whole, or its first MESSAGE_TEXT_LIMIT characters and its full length. */
function cut(text: string): { text: string; totalLength?: number } {
  return text.length > MESSAGE_TEXT_LIMIT
    ? { text: text.slice(0, MESSAGE_TEXT_LIMIT), totalLength: text.length }
    : { text }
}

const textPart = (text: string, partIndex: number | null): ContentPart => ({
  kind: 'text',
  ...cut(text),
  partIndex,
})

function partsOf(content: unknown): {
  shape: MessageDetail['contentShape']
  parts: ContentPart[]
  parsed?: unknown
} {
  if (content === null || content === undefined) return { shape: 'null', parts: [] }
  if (typeof content === 'string') {
    const trimmed = content.trimStart()
    // A dict content is saved by MARSYS as a compact JSON string: show it parsed, keep the raw text too (a huge
    // one is shown as text: parsing and sending it whole is what makes a 100 MB message freeze the app).
    if (content.length <= MESSAGE_TEXT_LIMIT && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
      const parsed = parseJson(content)
      if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
        return {
          shape: 'json-string',
          parts: [textPart(content, null)],
          parsed: parsed.value,
        }
      }
    }
    return { shape: 'string', parts: [textPart(content, null)] }
  }
  if (Array.isArray(content)) {
    const parts = content.map((part, partIndex): ContentPart => {
      if (isRecord(part) && part.type === 'text' && typeof part.text === 'string')
        return textPart(part.text, partIndex)
      if (isRecord(part) && part.type === 'image_url') {
        const url =
          isRecord(part.image_url) && typeof part.image_url.url === 'string' ? part.image_url.url : ''
        const info = describeDataUrl(url)
        if (info) return { kind: 'image', partIndex, mime: info.mime, bytes: info.bytes, isDataUrl: true }
        return { kind: 'image', partIndex, mime: 'unknown', bytes: 0, isDataUrl: false, url }
      }
      if (typeof part === 'string') return textPart(part, partIndex)
      return { kind: 'json', value: part, partIndex }
    })
    return { shape: 'array', parts }
  }
  return { shape: 'other', parts: [{ kind: 'json', value: content, partIndex: null }] }
}

export function buildMessageDetail(
  id: number,
  index: number,
  plain: unknown,
  raw: string,
  documentIndex: ConversationIndex,
  diagnostics: Diagnostic[],
): MessageDetail {
  const flags = flagsFromBits(documentIndex.flagBits[index])
  const base = {
    id,
    index,
    role: documentIndex.roleOf(index),
    tokens: documentIndex.tokens[index],
    flags,
    ...(raw.length > MESSAGE_TEXT_LIMIT
      ? { raw: raw.slice(0, MESSAGE_TEXT_LIMIT), rawLength: raw.length }
      : { raw }),
    diagnostics: diagnostics.filter((diagnostic) => diagnostic.messageIndex === index),
  }
  if (!isRecord(plain)) {
    return {
      ...base,
      name: null,
      contentShape: 'other',
      parts: [{ kind: 'json', value: plain, partIndex: null }],
      toolCalls: [],
      toolCallId: null,
      answersIndex: null,
      reasoningDetails: null,
      otherKeys: {},
    }
  }
  const { shape, parts, parsed } = partsOf(plain.content)
  const toolCalls: ToolCallView[] = toolCallsOf(plain).map((call) => {
    const { text: args, totalLength } = cut(call.arguments)
    const parsedArguments = totalLength === undefined ? parseJson(call.arguments) : { ok: false as const }
    const view: ToolCallView = {
      ...call,
      arguments: args,
      ...(totalLength !== undefined ? { argumentsLength: totalLength } : {}),
      resultIndex: call.id ? documentIndex.resultFor(index, call.id) : null,
    }
    if (parsedArguments.ok) view.parsedArguments = parsedArguments.value
    if (totalLength === undefined) {
      const handoffs = handoffsOfToolCall(call.name, call.arguments)
      if (handoffs) view.handoffs = handoffsView(handoffs)
    } else if (call.name === HANDOFF_TOOL) view.handoffs = TOO_LONG_HANDOFF
    return view
  })
  const agentCalls = parseAgentCalls(plain.agent_calls)
  const otherKeys: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(plain)) {
    // A readable agent_calls list is shown as hand-offs; one with a problem is shown as it is too.
    if (key === 'agent_calls' && agentCalls?.problem === null) continue
    if (!KNOWN_KEYS.has(key)) otherKeys[key] = value
  }
  return {
    ...base,
    name: typeof plain.name === 'string' && plain.name !== '' ? plain.name : null,
    contentShape: shape,
    parts,
    ...(parsed !== undefined ? { parsedContent: parsed } : {}),
    toolCalls,
    toolCallId: typeof plain.tool_call_id === 'string' ? plain.tool_call_id : null,
    answersIndex: documentIndex.answeredCall(index),
    reasoningDetails: Array.isArray(plain.reasoning_details) ? plain.reasoning_details : null,
    ...(agentCalls ? { agentCalls: handoffsView(agentCalls) } : {}),
    otherKeys,
  }
}

/** The data URL of image part `partIndex` of a message, fetched on demand (thumbnails load lazily). */
export function imageDataUrl(plain: unknown, partIndex: number): string | null {
  if (!isRecord(plain) || !Array.isArray(plain.content)) return null
  const part = plain.content[partIndex]
  if (!isRecord(part) || part.type !== 'image_url' || !isRecord(part.image_url)) return null
  const url = part.image_url.url
  return typeof url === 'string' && url.startsWith('data:') ? url : null
}

/** The whole text of a text part (`partIndex` null: a string content), as `document.messageText` reads it. */
export function partText(plain: unknown, partIndex: number | null): string | null {
  if (!isRecord(plain)) return null
  const { content } = plain
  if (partIndex === null) return typeof content === 'string' ? content : null
  if (!Array.isArray(content)) return null
  const part: unknown = content[partIndex]
  if (typeof part === 'string') return part
  return isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? part.text : null
}
