import {
  MemoryUsage,
  SessionExistsError,
  SessionMetadata,
  SessionNotFoundError,
  SessionStatus,
  UtcDateTime,
  ValidationError,
  wordCountEstimator,
  type BackendKind,
  type HealthCheck,
  type IMemoryBackend,
  type ListSessionsQuery,
  type Message,
  type SessionListPage,
  type StoreDamage,
  type TokenEstimator,
} from '../../../shared/model/langswarm'
import { MemorySession, type SessionChange, type SessionOptions, type SessionState } from './memorySession'
import { type Summarizer } from './langswarmTemplateSummary'
import type { IndexEntry, SessionRepository, SessionStats } from './sessionRepository'
import { TokenTally } from './tokenTally'

export interface BackendOptions {
  /** Estimator for `getRecentContext` and usage totals; defaults to the seed's word count. */
  tokenEstimator?: TokenEstimator
  summarizer?: Summarizer
  /** Time source for timestamps and expiry; tests pin it. */
  clock?: () => UtcDateTime
}

const DEFAULT_LIST_LIMIT = 100

/**
 * A durable change to the store's messages, told to `onStoreChange` listeners (the search index): a session's
 * messages as they now are, a deleted session, or `reset` after maintenance rewrote the store.
 */
export type StoreChange =
  | { kind: 'messages'; sessionId: string; messages: readonly Message[] }
  | { kind: 'removed'; sessionId: string }
  | { kind: 'reset' }

/**
 * `IMemoryBackend` over a `SessionRepository`. Unlike the Python backends, listing, counts, cleanup and usage
 * cover the whole store rather than the sessions this process happens to have cached, and the backend connects
 * itself on first use. One live `MemorySession` exists per id, so every caller shares the same state and writes.
 */
export class SessionStoreBackend implements IMemoryBackend {
  private readonly sessions = new Map<string, MemorySession>()
  private readonly loading = new Map<string, Promise<MemorySession | null>>()
  private connecting: Promise<void> | null = null
  /** Set while the store is closed for maintenance (a repair): connecting waits for it. */
  private paused: Promise<void> | null = null
  private connected = false
  private sorted: { version: number; entries: IndexEntry[] } | null = null
  private readonly tally: TokenTally
  private readonly sessionOptions: SessionOptions
  private readonly clock: () => UtcDateTime
  private readonly listeners = new Set<(change: StoreChange) => void>()

  constructor(
    protected readonly repository: SessionRepository,
    options: BackendOptions = {},
  ) {
    const estimator = options.tokenEstimator ?? wordCountEstimator
    this.tally = new TokenTally(estimator)
    this.clock = options.clock ?? UtcDateTime.now
    this.sessionOptions = { tokenEstimator: estimator, summarizer: options.summarizer, clock: this.clock }
  }

  get backendType(): BackendKind {
    return this.repository.kind
  }

  get isConnected(): boolean {
    return this.connected
  }

  /** Port extra: live session objects held by this backend. */
  get cachedSessionCount(): number {
    return this.sessions.size
  }

  /** Port extra: told after every durable change to a session's messages, whoever made it. Returns the unsubscribe. */
  onStoreChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Port extra: a session's messages as stored, without loading the session (null: no such session). */
  async peekMessages(sessionId: string): Promise<readonly Message[] | null> {
    await this.connect()
    const live = this.sessions.get(sessionId)
    if (live !== undefined) return live.getMessages()
    return this.repository.peek(sessionId)
  }

  /** Port extra: every session id in the store, newest `updated_at` first. */
  async sessionIds(): Promise<string[]> {
    await this.connect()
    return this.sortedEntries().map((entry) => entry.metadata.session_id)
  }

  private tell(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch {
        // A listener's failure is its own; the store's change stands.
      }
    }
  }

  async connect(): Promise<boolean> {
    while (this.paused !== null) await this.paused
    if (this.connected) return true
    this.connecting ??= this.repository.open().then(
      () => {
        this.connected = true
        this.connecting = null
      },
      (error: unknown) => {
        this.connecting = null
        throw error
      },
    )
    await this.connecting
    return true
  }

  /**
   * Disconnects, runs `work` on the released store, and holds back every call that would reconnect until it is
   * done (they then reconnect to the store as `work` left it).
   */
  protected async whileDisconnected<T>(work: () => Promise<T>): Promise<T> {
    const done = this.paused ?? Promise.resolve()
    const running = done.then(async () => {
      await this.disconnect()
      try {
        return await work()
      } finally {
        this.tell({ kind: 'reset' })
      }
    })
    const paused: Promise<void> = running.then(
      () => undefined,
      () => undefined,
    )
    this.paused = paused
    void paused.then(() => {
      if (this.paused === paused) this.paused = null
    })
    return running
  }

  /** Lets queued session writes finish, detaches every session handle, and releases the store. */
  async disconnect(): Promise<boolean> {
    if (this.connecting !== null) await this.connecting.catch(() => undefined)
    if (!this.connected) return true
    await Promise.allSettled([...this.loading.values()])
    const sessions = [...this.sessions.values()]
    for (const session of sessions) session.detach('the backend disconnected')
    await Promise.all(sessions.map((session) => session.settled()))
    this.sessions.clear()
    this.sorted = null
    this.connected = false
    await this.repository.close()
    return true
  }

  async createSession(metadata: SessionMetadata): Promise<MemorySession> {
    if (!(metadata instanceof SessionMetadata))
      throw new ValidationError('createSession expects SessionMetadata')
    await this.connect()
    const id = metadata.session_id
    if (this.repository.entry(id) !== undefined || this.loading.has(id)) throw new SessionExistsError(id)
    const state: SessionState = {
      metadata: metadata.clone(),
      messages: [],
      summaries: [],
      currentSummaryId: null,
    }
    const creating = this.repository.insert(state, this.statsOf(state)).then(() => {
      const session = this.newSession(state)
      this.sessions.set(id, session)
      this.tell({ kind: 'messages', sessionId: id, messages: [] })
      return session
    })
    // Until the insert is durable, a getSession for this id waits for this very object instead of loading a
    // second one from a file that may not be written yet (two live sessions per id lose each other's writes).
    this.track(
      id,
      creating.catch(() => null),
    )
    return creating
  }

  /**
   * Port extra, for migration and restore: creates a session with its messages and summaries in one store write,
   * so it exists whole or not at all. Metadata and timestamps are kept as given; nothing is trimmed or summarised.
   */
  async importSession(state: SessionState): Promise<MemorySession> {
    const ids = new Set(state.messages.map((message) => message.message_id))
    if (ids.size !== state.messages.length)
      throw new ValidationError('importSession: message ids must be unique within the session')
    await this.connect()
    const id = state.metadata.session_id
    if (this.repository.entry(id) !== undefined) throw new SessionExistsError(id)
    const copy: SessionState = { ...state, metadata: state.metadata.clone(), messages: [...state.messages] }
    await this.repository.insert(copy, this.statsOf(copy))
    const session = this.newSession(copy)
    this.sessions.set(id, session)
    this.tell({ kind: 'messages', sessionId: id, messages: [...copy.messages] })
    return session
  }

  async getSession(sessionId: string): Promise<MemorySession | null> {
    await this.connect()
    const cached = this.sessions.get(sessionId)
    if (cached !== undefined) return cached
    const pending = this.loading.get(sessionId)
    if (pending !== undefined) return pending
    if (this.repository.entry(sessionId) === undefined) return null
    return this.track(sessionId, this.restore(sessionId))
  }

  /** Registers the one in-flight creation or load of a session id, so concurrent callers share its result. */
  private track(sessionId: string, pending: Promise<MemorySession | null>): Promise<MemorySession | null> {
    const tracked = pending.finally(() => {
      if (this.loading.get(sessionId) === tracked) this.loading.delete(sessionId)
    })
    this.loading.set(sessionId, tracked)
    return tracked
  }

  async listSessions(
    userId: string | null = null,
    status: SessionStatus | null = null,
    limit = DEFAULT_LIST_LIMIT,
    offset = 0,
  ): Promise<SessionMetadata[]> {
    return (await this.listSessionsPage({ userId, status, limit, offset })).sessions
  }

  async listSessionsPage(query: ListSessionsQuery = {}): Promise<SessionListPage> {
    const limit = query.limit ?? DEFAULT_LIST_LIMIT
    const offset = query.offset ?? 0
    if (!Number.isInteger(limit) || limit < 0)
      throw new ValidationError('limit must be an integer ≥ 0', { path: 'limit' })
    if (!Number.isInteger(offset) || offset < 0)
      throw new ValidationError('offset must be an integer ≥ 0', { path: 'offset' })
    await this.connect()
    const { userId, status } = query
    const matching =
      !userId && status == null
        ? this.sortedEntries()
        : this.sortedEntries().filter(
            (entry) =>
              (!userId || entry.metadata.user_id === userId) &&
              (status == null || entry.metadata.status === status),
          )
    return {
      sessions: matching.slice(offset, offset + limit).map((entry) => entry.metadata.clone()),
      total: matching.length,
      offset,
      limit,
    }
  }

  async getSessionMetadata(sessionId: string): Promise<SessionMetadata | null> {
    await this.connect()
    return this.repository.entry(sessionId)?.metadata.clone() ?? null
  }

  async getMessageCount(sessionId: string): Promise<number | null> {
    await this.connect()
    return this.repository.entry(sessionId)?.stats.messageCount ?? null
  }

  async deleteSession(sessionId: string): Promise<boolean> {
    await this.connect()
    await this.loading.get(sessionId)?.catch(() => undefined)
    const session = this.sessions.get(sessionId)
    if (session !== undefined) {
      session.detach('the session was deleted')
      await session.settled()
      this.sessions.delete(sessionId)
    }
    const removed = await this.repository.remove(sessionId)
    if (removed) this.tell({ kind: 'removed', sessionId })
    return removed
  }

  /** Deletes every expired session in the store (not only cached ones) and records the cleanup time. */
  async cleanupExpiredSessions(): Promise<number> {
    await this.connect()
    const now = this.clock()
    const expired = [...this.repository.entries()]
      .filter((entry) => entry.metadata.isExpired(now))
      .map((entry) => entry.metadata.session_id)
    let deleted = 0
    for (const id of expired) if (await this.deleteSession(id)) deleted += 1
    await this.repository.recordCleanup(now)
    return deleted
  }

  async getUsageStats(): Promise<MemoryUsage> {
    await this.connect()
    const usage = new MemoryUsage({ last_cleanup: this.repository.lastCleanup() })
    const stale: string[] = []
    for (const entry of this.repository.entries()) {
      usage.session_count += 1
      usage.message_count += entry.stats.messageCount
      if (entry.metadata.status === SessionStatus.ACTIVE) usage.active_sessions += 1
      if (entry.stats.tokenEstimator === this.tally.estimator.id) usage.total_tokens += entry.stats.tokenTotal
      else stale.push(entry.metadata.session_id)
    }
    // A session that cannot be read (health reports it) adds no tokens rather than failing the whole figure.
    for (const id of stale) usage.total_tokens += await this.recountTokens(id).catch(() => 0)
    usage.storage_size_bytes = await this.repository.storageSizeBytes()
    return usage
  }

  async healthCheck(): Promise<HealthCheck> {
    const base = {
      backend_type: this.backendType,
      session_count: this.connected ? this.repository.size : 0,
      connected: this.connected,
      timestamp: this.clock().toIsoString(),
    }
    if (!this.connected) return { status: 'disconnected', ...base }
    const [problem, damage] = await Promise.all([this.repository.problem(), this.repository.damage()])
    const errors = [
      ...(problem === null ? [] : [problem]),
      ...(damage.length > 0 ? [describeDamage(damage)] : []),
    ]
    if (errors.length === 0) return { status: 'healthy', ...base }
    return {
      status: 'unhealthy',
      ...base,
      error: errors.join('; '),
      ...(damage.length > 0 ? { damage } : {}),
    }
  }

  private async restore(sessionId: string): Promise<MemorySession | null> {
    let state: SessionState
    try {
      state = await this.repository.load(sessionId)
    } catch (error) {
      if (error instanceof SessionNotFoundError) return null
      throw error
    }
    const entry = this.repository.entry(sessionId)
    if (entry === undefined) return null // deleted while loading
    const existing = this.sessions.get(sessionId)
    if (existing !== undefined) return existing
    const stats = this.statsOf(state)
    if (stats.messageCount !== entry.stats.messageCount || stats.tokenTotal !== entry.stats.tokenTotal) {
      // The index lags the session file after a crash between their two writes; the file is the truth.
      await this.repository.saveStats(sessionId, stats)
    }
    const session = this.newSession(state)
    this.sessions.set(sessionId, session)
    return session
  }

  private async recountTokens(sessionId: string): Promise<number> {
    const live = this.sessions.get(sessionId)
    const messages =
      live !== undefined ? await live.getMessages() : (await this.repository.load(sessionId)).messages
    const tokenTotal = this.tally.total(messages)
    await this.repository.saveStats(sessionId, {
      messageCount: messages.length,
      tokenTotal,
      tokenEstimator: this.tally.estimator.id,
    })
    return tokenTotal
  }

  private newSession(state: SessionState): MemorySession {
    const id = state.metadata.session_id
    const port = {
      persist: async (current: Readonly<SessionState>, change: SessionChange) => {
        await this.repository.save(id, current, change, this.statsOf(current))
        if (change.messages === true)
          this.tell({ kind: 'messages', sessionId: id, messages: [...current.messages] })
      },
    }
    return new MemorySession(state, port, this.sessionOptions)
  }

  private statsOf(state: Readonly<SessionState>): SessionStats {
    return {
      messageCount: state.messages.length,
      tokenTotal: this.tally.total(state.messages),
      tokenEstimator: this.tally.estimator.id,
    }
  }

  /** Newest `updated_at` first, ties by id; re-sorted only after the index changed. */
  private sortedEntries(): IndexEntry[] {
    if (this.sorted?.version !== this.repository.version) {
      const entries = [...this.repository.entries()].sort(
        (a, b) =>
          b.metadata.updated_at.compare(a.metadata.updated_at) ||
          (a.metadata.session_id < b.metadata.session_id
            ? -1
            : a.metadata.session_id > b.metadata.session_id
              ? 1
              : 0),
      )
      this.sorted = { version: this.repository.version, entries }
    }
    return this.sorted.entries
  }
}

/** One line for `HealthCheck.error`; the full list travels in `HealthCheck.damage`. */
function describeDamage(damage: readonly StoreDamage[]): string {
  const shown = damage.slice(0, 3).map((item) => `${item.file}: ${item.problem}`)
  const more = damage.length > shown.length ? ` (and ${damage.length - shown.length} more)` : ''
  return `the store is damaged: ${shown.join('; ')}${more}; repair it with memory-inspector store-repair`
}
