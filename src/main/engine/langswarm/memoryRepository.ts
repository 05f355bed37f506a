import {
  MemoryBackendType,
  SessionExistsError,
  SessionNotFoundError,
  type ConversationSummary,
  type StoreDamage,
  type Message,
  type UtcDateTime,
} from '../../../shared/model/langswarm'
import { type SessionChange, type SessionState } from './memorySession'
import type { IndexEntry, SessionRepository, SessionStats } from './sessionRepository'

interface StoredSession {
  entry: IndexEntry
  messages: readonly Message[]
  summaries: readonly ConversationSummary[]
  currentSummaryId: string | null
}

/**
 * Process-memory storage. Keeps its own snapshot of every session (as the Python `_data` shadow does), so data
 * survives `disconnect()` and a reconnect restores it; nothing survives the process.
 */
export class MemoryRepository implements SessionRepository {
  readonly kind = MemoryBackendType.IN_MEMORY
  private readonly store = new Map<string, StoredSession>()
  private changeCount = 0
  private cleanedAt: UtcDateTime | null = null

  get size(): number {
    return this.store.size
  }

  get version(): number {
    return this.changeCount
  }

  async open(): Promise<void> {}

  async close(): Promise<void> {}

  *entries(): Iterable<IndexEntry> {
    for (const stored of this.store.values()) yield stored.entry
  }

  entry(sessionId: string): IndexEntry | undefined {
    return this.store.get(sessionId)?.entry
  }

  async insert(state: SessionState, stats: SessionStats): Promise<void> {
    const id = state.metadata.session_id
    if (this.store.has(id)) throw new SessionExistsError(id)
    this.store.set(id, snapshot(state, stats))
    this.changeCount += 1
  }

  async load(sessionId: string): Promise<SessionState> {
    const stored = this.store.get(sessionId)
    if (stored === undefined) throw new SessionNotFoundError(sessionId)
    return {
      metadata: stored.entry.metadata.clone(),
      messages: [...stored.messages],
      summaries: [...stored.summaries],
      currentSummaryId: stored.currentSummaryId,
    }
  }

  async peek(sessionId: string): Promise<readonly Message[] | null> {
    return this.store.get(sessionId)?.messages ?? null
  }

  async save(
    sessionId: string,
    state: Readonly<SessionState>,
    _change: SessionChange,
    stats: SessionStats,
  ): Promise<void> {
    if (!this.store.has(sessionId)) throw new SessionNotFoundError(sessionId)
    this.store.set(sessionId, snapshot(state, stats))
    this.changeCount += 1
  }

  async saveStats(sessionId: string, stats: SessionStats): Promise<void> {
    const stored = this.store.get(sessionId)
    if (stored === undefined) throw new SessionNotFoundError(sessionId)
    stored.entry = { ...stored.entry, stats }
  }

  async remove(sessionId: string): Promise<boolean> {
    const removed = this.store.delete(sessionId)
    if (removed) this.changeCount += 1
    return removed
  }

  async storageSizeBytes(): Promise<number> {
    return 0
  }

  lastCleanup(): UtcDateTime | null {
    return this.cleanedAt
  }

  async recordCleanup(at: UtcDateTime): Promise<void> {
    this.cleanedAt = at
  }

  async problem(): Promise<string | null> {
    return null
  }

  async damage(): Promise<StoreDamage[]> {
    return []
  }
}

function snapshot(state: Readonly<SessionState>, stats: SessionStats): StoredSession {
  return {
    entry: { metadata: state.metadata.clone(), stats },
    messages: [...state.messages],
    summaries: [...state.summaries],
    currentSummaryId: state.currentSummaryId,
  }
}
