import { randomUUID } from 'node:crypto'
import type { DiskStatus } from '../../../../shared/model/edit'
import {
  Message,
  PATCHABLE_KEYS,
  SessionMetadata,
  UtcDateTime,
  ValidationError,
  type IMemorySession,
  type MessageDict,
  type SessionMetadataDict,
  type SessionMetadataPatch,
} from '../../../../shared/model/langswarm'
import { fromPlain, toPlain, type PyValue } from '../../../../shared/pyjson'
import { AppError } from '../../appError'
import type { Conversation } from '../conversation'
import type { MessageItem } from '../editing/messageItem'
import { isRecord } from '../index/messageFacts'
import type { MessageProblemView } from '../index/messageAnalysis'
import type { ConversationSource, SourceDescription } from '../source'

export const METADATA = 'metadata'

/**
 * A store message as a conversation shows it: langswarm keeps a tool result's `tool_call_id` and a function's
 * `name` in `metadata`; here they sit at the top level as in MARSYS and OpenAI messages, so pairing, lint and the
 * editors treat files and sessions alike. `toStoreMessage` puts them back.
 */
export function toConversationDict(message: Message): Record<string, unknown> {
  const dict = message.toDict() as unknown as Record<string, unknown>
  const { tool_call_id: toolCallId, name, ...rest } = message.metadata
  const view: Record<string, unknown> = { role: dict.role, content: dict.content }
  if (typeof name === 'string' && name !== '') view.name = name
  if (dict.tool_calls !== undefined) view.tool_calls = dict.tool_calls
  if (typeof toolCallId === 'string' && toolCallId !== '') view.tool_call_id = toolCallId
  view.timestamp = dict.timestamp
  view.message_id = dict.message_id
  if (Object.keys(rest).length > 0) view.metadata = rest
  if (dict.token_count !== undefined) view.token_count = dict.token_count
  if (dict.function_call !== undefined) view.function_call = dict.function_call
  return view
}

/** The store message for a conversation dict; what the store cannot hold is refused with its path. */
export function toStoreMessage(
  view: unknown,
  path: string,
  defaults: { timestamp: string; message_id: string },
): Message {
  if (!isRecord(view)) throw new ValidationError(`${path} must be an object`, { path })
  const { name, tool_call_id: toolCallId, metadata, ...rest } = view
  const meta: Record<string, unknown> = isRecord(metadata) ? { ...metadata } : {}
  if (metadata !== undefined && metadata !== null && !isRecord(metadata))
    throw new ValidationError(`${path}.metadata must be an object`, { path: `${path}.metadata` })
  if (name !== undefined && name !== null) meta.name = name
  if (toolCallId !== undefined && toolCallId !== null) meta.tool_call_id = toolCallId
  const dict: Record<string, unknown> = {
    timestamp: defaults.timestamp,
    message_id: defaults.message_id,
    ...rest,
    metadata: meta,
  }
  return Message.fromDict(dict as unknown as MessageDict, path)
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * A session of the store as a conversation source. The store is the truth: every edit, undo and redo is persisted
 * at once (`persist`), so a session conversation is never dirty. Originals are the messages as they were when the
 * session was opened; a persisted list that someone else changed meanwhile is a CONFLICT, never a lost update.
 */
export class StoreSessionSource implements ConversationSource {
  readonly kind = 'session'
  readonly fields = [METADATA]
  private originals: readonly Message[]
  private views: (Record<string, unknown> | undefined)[]
  /** The list as we last read or wrote it: what the store must still hold when we write again. */
  private persisted: readonly Message[]
  private readonly converted = new WeakMap<MessageItem, Message>()
  private originalMetadata: SessionMetadataDict

  private constructor(
    readonly session: IMemorySession,
    readonly storePath: string,
    messages: readonly Message[],
  ) {
    this.originals = messages
    this.persisted = messages
    this.views = new Array(messages.length)
    this.originalMetadata = session.metadata.toDict()
  }

  static async open(session: IMemorySession, storePath: string): Promise<StoreSessionSource> {
    return new StoreSessionSource(session, storePath, await session.getMessages())
  }

  get sessionId(): string {
    return this.session.sessionId
  }

  get displayName(): string {
    return `session ${this.sessionId}`
  }

  get location(): string {
    return `${this.storePath}#${this.sessionId}`
  }

  /** Reads the session again (someone else changed it); the conversation then starts over from it. */
  async reload(): Promise<void> {
    const messages = await this.session.getMessages()
    this.originals = messages
    this.persisted = messages
    this.views = new Array(messages.length)
    this.originalMetadata = this.session.metadata.toDict()
  }

  originalCount(): number {
    return this.originals.length
  }

  plainOriginal(position: number): unknown {
    return (this.views[position] ??= toConversationDict(this.originals[position]))
  }

  rawOriginal(position: number): string {
    return JSON.stringify(this.plainOriginal(position), null, 2)
  }

  decodeOriginal(position: number): PyValue {
    return fromPlain(this.plainOriginal(position))
  }

  rawValue(value: PyValue): string {
    return JSON.stringify(toPlain(value), null, 2)
  }

  checkMessage(plain: unknown): MessageProblemView[] {
    if (!isRecord(plain))
      return [{ severity: 'error', message: 'a stored message must be an object', subPath: '' }]
    const problems: MessageProblemView[] = []
    if (typeof plain.content !== 'string')
      problems.push({ severity: 'error', message: 'the store keeps text content only', subPath: '.content' })
    return problems
  }

  fieldValue(field: string): { present: boolean; value: unknown } {
    return field === METADATA
      ? { present: true, value: this.session.metadata.toDict() }
      : { present: false, value: null }
  }

  patchMetadata(current: { value: unknown } | undefined, patch: Record<string, unknown>): unknown {
    const base = (current?.value as SessionMetadataDict | undefined) ?? this.session.metadata.toDict()
    try {
      const metadata = SessionMetadata.fromDict(base)
      metadata.applyPatch(patch as SessionMetadataPatch)
      return metadata.toDict()
    } catch (error) {
      if (error instanceof ValidationError)
        throw new AppError('INVALID_INPUT', `Metadata of ${this.displayName}: ${error.message}`, {
          sessionId: this.sessionId,
        })
      throw error
    }
  }

  notEditable(): string | null {
    return null
  }

  diskStatus(): DiskStatus {
    return 'same'
  }

  describe(): SourceDescription {
    return {
      source: 'session',
      path: this.location,
      name: this.sessionId,
      sessionId: this.sessionId,
      memoryType: null,
      status: 'ok',
      bytes: 0,
      modifiedMs: Date.parse(this.session.metadata.toDict().updated_at) || 0,
      marsysLoadable: true,
      errorCount: 0,
      warningCount: 0,
    }
  }

  /** Writes the conversation's messages and metadata to the store as they are now. */
  async persist(conversation: Conversation<StoreSessionSource>): Promise<void> {
    const messages = conversation.items.map((item, position) => this.storeMessage(item, position))
    const expected = this.persisted
    await this.session.replaceMessages((current) => {
      if (current.length !== expected.length || current.some((message, i) => message !== expected[i]))
        throw new AppError(
          'CONFLICT',
          `${this.displayName} was changed by someone else since it was opened: reload it and try again`,
          { sessionId: this.sessionId, reason: 'changed-in-store' },
        )
      return messages.every((message, i) => message === current[i]) && messages.length === current.length
        ? current
        : messages
    })
    this.persisted = messages
    await this.persistMetadata(conversation)
  }

  private async persistMetadata(conversation: Conversation<StoreSessionSource>): Promise<void> {
    const wanted =
      (conversation.fieldSlot(METADATA)?.value as SessionMetadataDict | undefined) ?? this.originalMetadata
    const current = this.session.metadata.toDict() as unknown as Record<string, unknown>
    const patch: Record<string, unknown> = {}
    for (const key of PATCHABLE_KEYS) {
      const value = (wanted as unknown as Record<string, unknown>)[key]
      if (!sameJson(value, current[key])) patch[key] = value
    }
    if (Object.keys(patch).length > 0) await this.session.updateMetadata(patch as SessionMetadataPatch)
  }

  private storeMessage(item: MessageItem, position: number): Message {
    if ('original' in item) return this.originals[item.original]
    let message = this.converted.get(item)
    if (message === undefined) {
      const replaced = item.replaces === undefined ? undefined : this.originals[item.replaces]
      const plain = toPlain(item.value as PyValue)
      try {
        message = toStoreMessage(plain, `$.messages[${position}]`, {
          timestamp: (replaced?.timestamp ?? UtcDateTime.now()).toIsoString(),
          message_id: replaced?.message_id ?? randomUUID(),
        })
      } catch (error) {
        if (error instanceof ValidationError)
          throw new AppError(
            'INVALID_INPUT',
            `Message ${position} of ${this.displayName}: ${error.message}`,
            {
              sessionId: this.sessionId,
              messageIndex: position,
            },
          )
        throw error
      }
      // A stored token_count counts the old content: dropped when the content changed, estimated again.
      if (replaced && message.content !== replaced.content && message.token_count === replaced.token_count)
        message = message.with({ token_count: null })
      this.converted.set(item, message)
    }
    return message
  }
}

export const isSessionSource = (source: ConversationSource): source is StoreSessionSource =>
  source.kind === 'session'
