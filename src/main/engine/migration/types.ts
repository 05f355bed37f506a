import type { ConversationSummary, Message, SessionMetadata } from '../../../shared/model/langswarm'
import {
  migrationSourceKindSchema,
  type LossEntry,
  type MigrationIssue,
  type MigrationSourceKind,
  type SessionLoss,
} from '../../../shared/domains/migration/contract'

/** What a source is, decided from its content (never from its extension alone). */
export type SourceKind = MigrationSourceKind
export const SOURCE_KINDS: readonly SourceKind[] = migrationSourceKindSchema.options

/** A whole source that cannot be read (not SQLite, unknown schema, locked, damaged, unreadable). */
export class SourceError extends Error {
  override name = 'SourceError'
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`)
  }
}

export type { LossEntry, MigrationIssue, SessionLoss }

/** One session read from a source, ready to be written to a store. */
export interface SourceSession {
  /** Stable identity of what was read (recorded in the target so a second run adds nothing). */
  sourceKey: string
  /**
   * The key an earlier version recorded for the same source, when it was coarser (without the database's
   * fingerprint): a session recorded under it counts as this one only when its content matches.
   */
  legacySourceKey?: string
  /** Where it came from, for reports: a file, or `file#session_id`. */
  location: string
  metadata: SessionMetadata
  messages: Message[]
  summaries: ConversationSummary[]
  currentSummaryId: string | null
  /** Data the source holds that the store will not (nothing, for most sources). */
  losses: LossEntry[]
  /** Values the source lacks and the migration supplied or interpreted (e.g. naive times taken as UTC). */
  notes: LossEntry[]
  /** Write the metadata exactly as read, without recording a `migrated_from` (restoring a backup). */
  keepProperties?: boolean
}

export type SourceItem =
  { type: 'session'; session: SourceSession } | { type: 'error'; issue: MigrationIssue; lost?: SessionLoss }

/** How to read sources; spec §11.4's proposed `source_config` options. */
export interface ReadOptions {
  /** How to read a time written without an offset (V1 writes naive local time). Default `utc`. */
  naiveTimestampsAs?: 'utc' | 'local'
  /** `user_id` for sessions whose source has none. */
  defaultUserId?: string | null
  /** The role a V1 adapter document that is not a conversation turn becomes. Default `user`. */
  documentRole?: 'user' | 'system'
  /** The time to stamp where a source has none (tests pin it). */
  now?: () => import('../../../shared/model/langswarm').UtcDateTime
}

/** A readable source: counted first (for progress and the dry run), then read session by session. */
export interface MigrationSource {
  readonly kind: SourceKind
  readonly path: string
  count(): Promise<{ sessions: number; messages: number }>
  items(): AsyncIterable<SourceItem>
  close(): void
}
