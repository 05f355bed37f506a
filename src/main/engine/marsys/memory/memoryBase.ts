/** What every MARSYS memory type shares (MARSYS `BaseMemory`). */
import type { AgentCallInput, LlmDictOptions, ToolCallInput } from './message'
import { Message } from './message'
import { MarsysIndexError, MessageError } from './marsysErrors'
import type { ImageSource } from './imageSource'
import type { JsonValue } from './jsonValue'
import type { LlmDict } from './llmDict'

export const MEMORY_TYPES = ['conversation_history', 'managed_conversation', 'kg'] as const
export type MemoryType = (typeof MEMORY_TYPES)[number]

/** Keyword arguments of `add(role=…, …)`. */
export interface AddFields {
  role: string
  content?: JsonValue
  name?: string | null
  toolCalls?: readonly ToolCallInput[] | null
  agentCalls?: readonly AgentCallInput[] | null
  images?: readonly string[] | null
  toolCallId?: string | null
}

/** Keyword arguments of `update(id, …)`: a field left undefined or null keeps its old value (it cannot be cleared). */
export interface UpdateFields {
  role?: string | null
  content?: JsonValue
  name?: string | null
  toolCalls?: readonly ToolCallInput[] | null
  agentCalls?: readonly AgentCallInput[] | null
  images?: readonly string[] | null
}

/** Keyword arguments of `replace_memory(idx, …)`: a new message (new uuid unless messageId is given). */
export interface ReplaceFields extends Omit<AddFields, 'toolCallId'> {
  messageId?: string | null
}

export interface MemoryResetEvent {
  type: 'memory_reset'
  agentName: string
  /** Seconds since the epoch, like Python's time.time(). */
  timestamp: number
}

export interface MemoryEventSink {
  emit(event: MemoryResetEvent): void
}

export interface MemoryOptions {
  /** Where `Message.images` paths are read from when messages are retrieved. */
  images?: ImageSource
  /** Receives the warnings MARSYS would log (unreadable image, …). */
  onWarning?: (message: string) => void
  /** Seconds since the epoch; injectable for tests. */
  clock?: () => number
}

export const systemClock = (): number => (performance.timeOrigin + performance.now()) / 1000

/** A Message from `add`'s arguments: the given Message itself, or one built from the fields (role required). */
export function messageFrom(
  input: Message | AddFields | ReplaceFields | null | undefined,
  operation: string,
): Message {
  if (input instanceof Message) return input
  if (input === null || input === undefined || input.role === null || input.role === undefined) {
    throw new MessageError(`Either a Message object or role must be provided to ${operation}.`)
  }
  const fields = input as AddFields & ReplaceFields
  return new Message({
    role: fields.role,
    content: fields.content,
    // `message_id or str(uuid4())`: an empty id gets a new one too.
    messageId: fields.messageId || undefined,
    name: fields.name,
    toolCalls: fields.toolCalls,
    agentCalls: fields.agentCalls,
    images: fields.images,
    toolCallId: fields.toolCallId,
  })
}

/**
 * `update`'s new message: given fields replace old ones. MARSYS rebuilds the message from these fields only and so
 * drops tool_call_id, structured_data, reasoning_details and response_metadata (a bug: an edited tool result
 * loses its link to the call); we keep them.
 */
export function updatedMessage(old: Message, fields: UpdateFields): Message {
  return old.with({
    role: fields.role ?? old.role,
    content: fields.content ?? old.content,
    name: fields.name ?? old.name,
    toolCalls: fields.toolCalls ?? old.toolCalls,
    agentCalls: fields.agentCalls ?? old.agentCalls,
    images: fields.images ?? old.images,
  })
}

/** `0 <= idx < length` or MarsysIndexError (negative indexes are rejected, unlike Python lists). */
export function checkIndex(idx: number, length: number, message: string): void {
  if (!Number.isInteger(idx) || idx < 0 || idx >= length) throw new MarsysIndexError(message, idx, length)
}

/** Python `items[-n:]` for n > 0, `[]` otherwise. */
export const lastN = <T>(items: readonly T[], n: number): T[] => (n > 0 ? items.slice(-n) : [])

export abstract class BaseMemory {
  abstract readonly memoryType: MemoryType
  protected readonly options: MemoryOptions
  private agentName: string | null = null
  private eventSink: MemoryEventSink | null = null
  private sessionId: string | null = null

  constructor(options: MemoryOptions = {}) {
    this.options = options
  }

  /** Where reset events go; like MARSYS, an event is emitted only when both an agent name and a sink are set. */
  setEventContext(agentName: string, eventSink?: MemoryEventSink | null, sessionId?: string | null): void {
    this.agentName = agentName
    if (eventSink) this.eventSink = eventSink
    if (sessionId) this.sessionId = sessionId
  }

  get eventSessionId(): string | null {
    return this.sessionId
  }

  protected emitReset(): void {
    if (this.eventSink && this.agentName) {
      this.eventSink.emit({ type: 'memory_reset', agentName: this.agentName, timestamp: this.now() })
    }
  }

  protected now(): number {
    return (this.options.clock ?? systemClock)()
  }

  protected warn(message: string): void {
    this.options.onWarning?.(message)
  }

  protected get llmDictOptions(): LlmDictOptions {
    return { images: this.options.images, onWarning: this.options.onWarning }
  }

  protected toLlmDict(message: Message): LlmDict {
    return message.toLlmDict(this.llmDictOptions)
  }

  /** Adds a Message, or one built from the fields; returns its id. */
  abstract add(input: Message | AddFields): string
  abstract update(messageId: string, fields: UpdateFields): void
  abstract replaceMemory(idx: number, input: Message | ReplaceFields): void
  abstract deleteMemory(idx: number): void
  abstract retrieveRecent(n?: number): LlmDict[]
  abstract retrieveAll(): LlmDict[]
  abstract retrieveById(messageId: string): LlmDict | null
  abstract removeById(messageId: string): boolean
  abstract retrieveByRole(role: string, n?: number | null): LlmDict[]
  abstract resetMemory(): void

  /** The messages for the LLM; the same as retrieveAll except for a sliding-window managed memory. */
  getMessages(): LlmDict[] {
    return this.retrieveAll()
  }
}
