import { ConversationSummary } from '../../../shared/model/langswarm/conversationSummary'
import { SessionStatus } from '../../../shared/model/langswarm/enums'
import {
  MessageExistsError,
  SessionDetachedError,
  ValidationError,
} from '../../../shared/model/langswarm/errors'
import type {
  GetMessagesOptions,
  IMemorySession,
  MessagePage,
  MessagePageQuery,
} from '../../../shared/model/langswarm/interfaces'
import { Message } from '../../../shared/model/langswarm/message'
import { clearMessages, pageMessages, recentContext, selectMessages, trimMessages } from './messageSelection'
import { SerialQueue } from './serialQueue'
import type { SessionMetadata, SessionMetadataPatch } from '../../../shared/model/langswarm/sessionMetadata'
import { extractiveSummarizer, type Summarizer } from './langswarmTemplateSummary'
import {
  messageTokenCost,
  wordCountEstimator,
  type TokenEstimator,
} from '../../../shared/model/langswarm/tokenEstimator'
import { UtcDateTime } from '../../../shared/model/langswarm/utcDateTime'

/** Everything a session holds. Summaries are kept as a history; `currentSummaryId` names the live one. */
export interface SessionState {
  metadata: SessionMetadata
  messages: Message[]
  summaries: ConversationSummary[]
  currentSummaryId: string | null
}

/** Which parts of the state an operation changed, so a store can skip writing the rest. */
export interface SessionChange {
  messages?: boolean
  metadata?: boolean
  summaries?: boolean
}

/** Where a session persists itself. `persist` resolves once the change is durable. */
export interface SessionStorePort {
  persist(state: Readonly<SessionState>, change: SessionChange): Promise<void>
}

export interface SessionOptions {
  tokenEstimator?: TokenEstimator
  summarizer?: Summarizer
  clock?: () => UtcDateTime
}

/**
 * The seed's session with spec §5's semantics, minus the Python's persistence bugs: every change (adds, trims,
 * clears, summaries, metadata) is handed to the store, and a change that cannot be persisted is rolled back so
 * memory never disagrees with the store. Mutations run one at a time in call order.
 */
export class MemorySession implements IMemorySession {
  private state: SessionState
  private messageIds: Set<string>
  private readonly queue = new SerialQueue()
  private detachedReason: string | null = null
  private readonly estimator: TokenEstimator
  private readonly summarizer: Summarizer
  private readonly clock: () => UtcDateTime

  constructor(
    state: SessionState,
    private readonly store: SessionStorePort,
    options: SessionOptions = {},
  ) {
    this.state = state
    this.messageIds = new Set(state.messages.map((message) => message.message_id))
    this.estimator = options.tokenEstimator ?? wordCountEstimator
    this.summarizer = options.summarizer ?? extractiveSummarizer
    this.clock = options.clock ?? UtcDateTime.now
  }

  get sessionId(): string {
    return this.state.metadata.session_id
  }

  get metadata(): SessionMetadata {
    return this.state.metadata.clone()
  }

  get messageCount(): number {
    return this.state.messages.length
  }

  get isDetached(): boolean {
    return this.detachedReason !== null
  }

  /** Called by the backend when the session is deleted or the backend disconnects: later changes are refused. */
  detach(reason: string): void {
    this.detachedReason ??= reason
  }

  /** Resolves when every queued change has been persisted (or failed). */
  settled(): Promise<void> {
    return this.queue.idle()
  }

  addMessage(message: Message): Promise<boolean> {
    if (!(message instanceof Message)) {
      return Promise.reject(new ValidationError('addMessage expects a Message instance'))
    }
    return this.mutate(async (state) => {
      if (this.messageIds.has(message.message_id))
        throw new MessageExistsError(this.sessionId, message.message_id)
      state.metadata.updateTimestamp(this.clock())
      state.messages.push(message)
      this.messageIds.add(message.message_id)
      const change: SessionChange = { messages: true, metadata: true }
      const meta = state.metadata
      if (
        meta.auto_summarize &&
        state.messages.length >= meta.summary_threshold &&
        this.currentSummary() === null
      ) {
        // Summarised before the trim, like the Python, so the summary may count max_messages + 1 messages.
        if ((await this.summarize()) !== null) change.summaries = true
      }
      if (state.messages.length > meta.max_messages) {
        state.messages = trimMessages(state.messages, meta.max_messages)
        this.messageIds = new Set(state.messages.map((kept) => kept.message_id))
      }
      return { result: true, change }
    })
  }

  async getMessages(options: GetMessagesOptions = {}): Promise<Message[]> {
    return selectMessages(this.state.messages, options)
  }

  async getMessagesPage(query: MessagePageQuery = {}): Promise<MessagePage> {
    return pageMessages(this.state.messages, query)
  }

  async getRecentContext(maxTokens: number | null = null): Promise<Message[]> {
    return recentContext(this.state.messages, maxTokens, this.estimator)
  }

  clearMessages(keepSystem = true): Promise<boolean> {
    return this.mutate(async (state) => {
      state.messages = clearMessages(state.messages, keepSystem)
      this.messageIds = new Set(state.messages.map((message) => message.message_id))
      state.metadata.updateTimestamp(this.clock())
      if (!keepSystem) state.currentSummaryId = null
      return { result: true, change: { messages: true, metadata: true, summaries: !keepSystem } }
    })
  }

  /**
   * Port extra: replaces the message list with `update(current)`. `update` runs inside the session's queue, so no
   * other change slips in between reading and replacing; it must not mutate `current`. Returning `current` itself
   * changes nothing. Any other array becomes the session's list (the session takes ownership of it): messages
   * carried over keep their instances and ids, and ids must stay unique. Stamps `updated_at`; unlike
   * `addMessage`, nothing is trimmed or summarised, so an edit stays as made.
   */
  replaceMessages(update: (current: readonly Message[]) => readonly Message[]): Promise<void> {
    return this.mutate(
      async (state) => {
        const next = update(state.messages)
        if (next === state.messages) return { result: undefined, change: null }
        this.messageIds = uniqueMessageIds(this.sessionId, next)
        state.messages = next as Message[]
        state.metadata.updateTimestamp(this.clock())
        return { result: undefined, change: { messages: true, metadata: true } }
      },
      { replacesMessageList: true },
    )
  }

  async getSummary(): Promise<ConversationSummary | null> {
    return this.currentSummary()
  }

  async getSummaryHistory(): Promise<ConversationSummary[]> {
    return [...this.state.summaries]
  }

  /** `summarizer` (port extra): this summary only, instead of the session's own (the store's default). */
  createSummary(
    force = false,
    summarizer: Summarizer = this.summarizer,
  ): Promise<ConversationSummary | null> {
    return this.mutate(async () => {
      const existing = this.currentSummary()
      if (!force && existing !== null) return { result: existing, change: null }
      const summary = await this.summarize(summarizer)
      return { result: summary, change: summary === null ? null : { summaries: true } }
    })
  }

  updateMetadata(patch: SessionMetadataPatch): Promise<boolean> {
    return this.mutate(async (state) => {
      state.metadata.applyPatch(patch)
      state.metadata.updateTimestamp(this.clock())
      return { result: true, change: { metadata: true } }
    })
  }

  close(): Promise<boolean> {
    return this.mutate(async (state) => {
      state.metadata.status = SessionStatus.COMPLETED
      state.metadata.updateTimestamp(this.clock())
      return { result: true, change: { metadata: true } }
    })
  }

  /** Token cost of every message under this session's estimator. */
  tokenTotal(): number {
    return this.state.messages.reduce((sum, message) => sum + messageTokenCost(message, this.estimator), 0)
  }

  private currentSummary(): ConversationSummary | null {
    const id = this.state.currentSummaryId
    if (id === null) return null
    return this.state.summaries.find((summary) => summary.summary_id === id) ?? null
  }

  private async summarize(summarizer: Summarizer = this.summarizer): Promise<ConversationSummary | null> {
    const messages = [...this.state.messages]
    if (messages.length === 0) return null
    const draft = await summarizer(messages)
    if (draft === null) return null
    const summary = new ConversationSummary({
      summary: draft.summary,
      key_topics: draft.key_topics,
      message_count: messages.length,
      start_time: messages[0].timestamp,
      end_time: messages[messages.length - 1].timestamp,
      created_at: this.clock(),
    })
    this.state.summaries = [...this.state.summaries, summary]
    this.state.currentSummaryId = summary.summary_id
    return summary
  }

  /**
   * Runs one change: it mutates the state, then the store persists it. If either step fails the state is put back
   * exactly as it was, so a failed add leaves no phantom message behind (the Python keeps it in memory). An
   * operation that swaps in a new message array instead of changing the current one in place says so with
   * `replacesMessageList`, which spares copying the (possibly huge) list for the rollback.
   */
  private mutate<T>(
    operation: (state: SessionState) => Promise<{ result: T; change: SessionChange | null }>,
    { replacesMessageList = false } = {},
  ): Promise<T> {
    return this.queue.run(async () => {
      if (this.detachedReason !== null) throw new SessionDetachedError(this.sessionId, this.detachedReason)
      const before = this.copyState(!replacesMessageList)
      try {
        const { result, change } = await operation(this.state)
        if (change !== null) await this.store.persist(this.state, change)
        return result
      } catch (error) {
        this.state = before
        this.messageIds = new Set(before.messages.map((message) => message.message_id))
        throw error
      }
    })
  }

  private copyState(copyMessages: boolean): SessionState {
    return {
      metadata: this.state.metadata.clone(),
      messages: copyMessages ? [...this.state.messages] : this.state.messages,
      summaries: [...this.state.summaries],
      currentSummaryId: this.state.currentSummaryId,
    }
  }
}

/** The ids of `messages`, which must all be `Message`s with distinct ids. */
function uniqueMessageIds(sessionId: string, messages: readonly Message[]): Set<string> {
  const ids = new Set<string>()
  messages.forEach((message, index) => {
    if (!(message instanceof Message)) {
      throw new ValidationError(`messages[${index}] is not a Message instance`, {
        path: `messages[${index}]`,
      })
    }
    if (ids.has(message.message_id)) throw new MessageExistsError(sessionId, message.message_id)
    ids.add(message.message_id)
  })
  return ids
}
