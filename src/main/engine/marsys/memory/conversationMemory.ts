/** MARSYS's `ConversationMemory` (`memory_type="conversation_history"`, spec §5). */
import {
  type AddFields,
  BaseMemory,
  type MemoryOptions,
  type ReplaceFields,
  type UpdateFields,
  checkIndex,
  lastN,
  messageFrom,
  updatedMessage,
} from './memoryBase'
import { MessageError } from './marsysErrors'
import { Message } from './message'
import type { LlmDict } from './llmDict'

const INDEX_ERROR = 'Memory index out of range.'

/**
 * A plain list of messages. Retrieval returns LLM dicts (`Message.toLlmDict`), never Message objects; use
 * `getStoredMessages()` for the objects themselves.
 *
 * Deliberate difference from MARSYS: `update` keeps tool_call_id, structured_data, reasoning_details and
 * response_metadata (MARSYS drops them).
 */
export class ConversationMemory extends BaseMemory {
  readonly memoryType = 'conversation_history' as const
  private memory: Message[] = []

  /** A truthy `description` becomes a first system message (`""` creates none, `"  "` creates one). */
  constructor(opts: MemoryOptions & { description?: string | null } = {}) {
    super(opts)
    if (opts.description) this.memory.push(new Message({ role: 'system', content: opts.description }))
  }

  add(input: Message | AddFields): string {
    const message = messageFrom(input, 'add')
    this.memory.push(message)
    return message.messageId
  }

  /** @throws MessageError for an unknown id. */
  update(messageId: string, fields: UpdateFields): void {
    const i = this.memory.findIndex((m) => m.messageId === messageId)
    if (i < 0) throw new MessageError(`Message with ID '${messageId}' not found in memory.`, { messageId })
    this.memory[i] = updatedMessage(this.memory[i], fields)
  }

  /** @throws MarsysIndexError unless 0 <= idx < length (checked first); MessageError without message or role. */
  replaceMemory(idx: number, input: Message | ReplaceFields): void {
    checkIndex(idx, this.memory.length, INDEX_ERROR)
    this.memory[idx] = messageFrom(input, 'replace_memory')
  }

  deleteMemory(idx: number): void {
    checkIndex(idx, this.memory.length, INDEX_ERROR)
    this.memory.splice(idx, 1)
  }

  /** The last n messages; n <= 0 gives []. */
  retrieveRecent(n = 1): LlmDict[] {
    return lastN(this.memory, n).map((m) => this.toLlmDict(m))
  }

  retrieveAll(): LlmDict[] {
    return this.memory.map((m) => this.toLlmDict(m))
  }

  retrieveById(messageId: string): LlmDict | null {
    const message = this.memory.find((m) => m.messageId === messageId)
    return message ? this.toLlmDict(message) : null
  }

  removeById(messageId: string): boolean {
    const i = this.memory.findIndex((m) => m.messageId === messageId)
    if (i < 0) return false
    this.memory.splice(i, 1)
    return true
  }

  /**
   * Messages with this role, in order. A non-zero n keeps `filtered[-n:]` like MARSYS — so a negative n drops the
   * first |n| matches rather than returning nothing (a MARSYS quirk, kept).
   */
  retrieveByRole(role: string, n?: number | null): LlmDict[] {
    const filtered = this.memory.filter((m) => m.role === role)
    const limited = n ? filtered.slice(-n) : filtered
    return limited.map((m) => this.toLlmDict(m))
  }

  /** Clears everything except a system message at index 0 (one elsewhere is not kept). */
  resetMemory(): void {
    const first = this.memory[0]
    this.memory = first !== undefined && first.role === 'system' ? [first] : []
    this.emitReset()
  }

  getStoredMessages(): readonly Message[] {
    return [...this.memory]
  }
}
