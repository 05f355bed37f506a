import type { BackendKind, SessionMetadata, StoreDamage, UtcDateTime } from '../../../shared/model/langswarm'
import type { Message } from '../../../shared/model/langswarm'
import type { SessionChange, SessionState } from './memorySession'

/** Per-session figures kept beside the metadata so counts and usage never need the messages. */
export interface SessionStats {
  messageCount: number
  tokenTotal: number
  /** The estimator `tokenTotal` was computed with; a total from another estimator is recomputed. */
  tokenEstimator: string
}

/** What the store knows about a session without opening it. Immutable: a change replaces the entry. */
export interface IndexEntry {
  readonly metadata: SessionMetadata
  readonly stats: SessionStats
}

/**
 * Storage behind a `SessionStoreBackend`. The index (every session's metadata and stats) is held in memory while
 * open; session contents are loaded on demand. Implementations update the in-memory index synchronously at the
 * start of each change, before any I/O, so concurrent callers in one process always see each other's changes.
 */
export interface SessionRepository {
  readonly kind: BackendKind
  open(): Promise<void>
  /** Waits for pending writes, then releases the store. */
  close(): Promise<void>
  readonly size: number
  /** Bumped on every index change; lets callers cache derived views such as the sorted listing. */
  readonly version: number
  entries(): Iterable<IndexEntry>
  entry(sessionId: string): IndexEntry | undefined
  /** Throws SessionExistsError if the id is taken. */
  insert(state: SessionState, stats: SessionStats): Promise<void>
  load(sessionId: string): Promise<SessionState>
  /** A session's messages as stored, read without keeping them (search indexing); null when there is no session. */
  peek(sessionId: string): Promise<readonly Message[] | null>
  /** Persists a change; throws SessionNotFoundError if the session was removed. On failure the index entry is restored. */
  save(
    sessionId: string,
    state: Readonly<SessionState>,
    change: SessionChange,
    stats: SessionStats,
  ): Promise<void>
  /** Replaces stats only (after a recount). */
  saveStats(sessionId: string, stats: SessionStats): Promise<void>
  /** False if the session did not exist. */
  remove(sessionId: string): Promise<boolean>
  storageSizeBytes(): Promise<number>
  lastCleanup(): UtcDateTime | null
  recordCleanup(at: UtcDateTime): Promise<void>
  /** Null when healthy, otherwise what is wrong. */
  problem(): Promise<string | null>
  /** Damaged or inconsistent store files; empty when there are none (always, for stores without files). */
  damage(): Promise<StoreDamage[]>
}
