import { z } from 'zod'
import { messageRoleSchema, parseMessageRole, type MessageRole } from './enums'
import { ValidationError } from './errors'
import {
  expectObject,
  isPlainObject,
  jsonObjectSchema,
  readDateTime,
  readInteger,
  readString,
  type JsonObject,
} from './jsonFields'
import { UtcDateTime, type DateTimeInput } from './utcDateTime'

/** `Message.to_dict()` output: the four core keys always, the others only when set (see MessageDict rules). */
export const messageDictSchema = z.object({
  role: messageRoleSchema,
  content: z.string(),
  timestamp: z.string(),
  message_id: z.string(),
  metadata: jsonObjectSchema.optional(),
  token_count: z.number().optional(),
  function_call: jsonObjectSchema.optional(),
  tool_calls: z.array(jsonObjectSchema).optional(),
})
export type MessageDict = z.infer<typeof messageDictSchema>

export interface MessageInit {
  role: MessageRole
  content: string
  timestamp?: DateTimeInput
  message_id?: string
  metadata?: JsonObject
  token_count?: number | null
  function_call?: JsonObject | null
  tool_calls?: JsonObject[] | null
}

/**
 * Universal message format (the seed's `Message`). Immutable: the session engine shares instances between the
 * session, the store and callers, so the constructor takes ownership of the objects passed in (do not mutate them
 * afterwards). Provider-specific extras the seed has no field for (`tool_call_id`, `name`,
 * `is_error`) live in `metadata`, the convention the spec's V1 migration mapping uses.
 */
export class Message {
  readonly role: MessageRole
  readonly content: string
  readonly timestamp: UtcDateTime
  readonly message_id: string
  readonly metadata: Readonly<JsonObject>
  readonly token_count: number | null
  readonly function_call: Readonly<JsonObject> | null
  readonly tool_calls: readonly Readonly<JsonObject>[] | null

  constructor(init: MessageInit) {
    this.role = parseMessageRole(init.role)
    if (typeof init.content !== 'string')
      throw new ValidationError('content must be a string', { path: 'content' })
    this.content = init.content
    this.timestamp =
      init.timestamp === undefined ? UtcDateTime.now() : UtcDateTime.from(init.timestamp, 'timestamp')
    this.message_id = init.message_id ?? crypto.randomUUID()
    if (typeof this.message_id !== 'string' || this.message_id === '') {
      throw new ValidationError('message_id must be a non-empty string', { path: 'message_id' })
    }
    this.metadata = init.metadata == null ? {} : expectObject(init.metadata, 'metadata')
    this.token_count = init.token_count == null ? null : readInteger(init.token_count, 'token_count', 0)
    this.function_call = init.function_call == null ? null : expectObject(init.function_call, 'function_call')
    this.tool_calls = init.tool_calls == null ? null : readToolCalls(init.tool_calls, 'tool_calls')
    Object.freeze(this)
  }

  /** Python's `Message.from_dict`: `role`, `content`, `timestamp` and `message_id` are required. */
  static fromDict(value: unknown, path = '$'): Message {
    const data = expectObject(value, path)
    const role = parseMessageRole(data.role, `${path}.role`)
    return new Message({
      role,
      content: readString(data, 'content', path),
      timestamp: readDateTime(data, 'timestamp', path),
      message_id: readString(data, 'message_id', path),
      metadata: data.metadata == null ? undefined : expectObject(data.metadata, `${path}.metadata`),
      token_count: data.token_count == null ? null : readInteger(data.token_count, `${path}.token_count`, 0),
      function_call:
        data.function_call == null ? null : expectObject(data.function_call, `${path}.function_call`),
      tool_calls: data.tool_calls == null ? null : readToolCalls(data.tool_calls, `${path}.tool_calls`),
    })
  }

  /**
   * Python's `to_dict()`, key for key: `metadata` only when non-empty, `token_count` unless null (0 is kept),
   * `function_call` and `tool_calls` only when truthy in Python terms (an empty object or list is dropped).
   */
  toDict(): MessageDict {
    const dict: MessageDict = {
      role: this.role,
      content: this.content,
      timestamp: this.timestamp.toIsoString(),
      message_id: this.message_id,
    }
    if (Object.keys(this.metadata).length > 0) dict.metadata = this.metadata as JsonObject
    if (this.token_count !== null) dict.token_count = this.token_count
    if (this.function_call !== null && Object.keys(this.function_call).length > 0) {
      dict.function_call = this.function_call as JsonObject
    }
    if (this.tool_calls !== null && this.tool_calls.length > 0)
      dict.tool_calls = this.tool_calls as JsonObject[]
    return dict
  }

  /** The id of the tool call this tool/function message answers (kept in `metadata.tool_call_id`). */
  get toolCallId(): string | null {
    const id = this.metadata.tool_call_id
    return typeof id === 'string' && id !== '' ? id : null
  }

  /** The function name of a `function`-role message (kept in `metadata.name`). */
  get name(): string | null {
    const name = this.metadata.name
    return typeof name === 'string' && name !== '' ? name : null
  }

  with(changes: Partial<MessageInit>): Message {
    return new Message({
      role: this.role,
      content: this.content,
      timestamp: this.timestamp,
      message_id: this.message_id,
      metadata: this.metadata as JsonObject,
      token_count: this.token_count,
      function_call: this.function_call as JsonObject | null,
      tool_calls: this.tool_calls as JsonObject[] | null,
      ...changes,
    })
  }
}

function readToolCalls(value: unknown, path: string): JsonObject[] {
  if (!Array.isArray(value)) throw new ValidationError(`${path} must be an array`, { path })
  value.forEach((call, index) => {
    if (!isPlainObject(call))
      throw new ValidationError(`${path}[${index}] must be an object`, { path: `${path}[${index}]` })
  })
  return value as JsonObject[]
}
