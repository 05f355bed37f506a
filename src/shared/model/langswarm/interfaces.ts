import { z } from 'zod'
import { backendKindSchema, type BackendKind, type SessionStatus } from './enums'
import type { ConversationSummary } from './conversationSummary'
import type { Message } from './message'
import type { MemoryUsage, MemoryUsageDict } from './memoryUsage'
import type { SessionMetadata, SessionMetadataInit, SessionMetadataPatch } from './sessionMetadata'
import type { DateTimeInput } from './utcDateTime'

/** Options of `getMessages` (spec §5.2). */
export interface GetMessagesOptions {
  /** Return only the newest `limit` messages (still oldest first). 0 or null means no limit. */
  limit?: number | null
  includeSystem?: boolean
  /** Keep messages with `timestamp >= since`. */
  since?: DateTimeInput | null
}

export interface MessagePageQuery {
  offset?: number
  limit?: number | null
  includeSystem?: boolean
  since?: DateTimeInput | null
  /** Page from the newest message backwards instead of from the oldest forwards. */
  newestFirst?: boolean
}

export interface MessagePage {
  messages: Message[]
  /** How many messages match the filters, for paging. */
  total: number
  offset: number
}

/**
 * The seed's interfaces. Method names are camelCase, data keeps the seed's snake_case fields. Members marked
 * "port extra" are not in the seed; the inspector needs them for paging without loading everything.
 */
export interface IMemorySession {
  readonly sessionId: string
  /** A copy: change metadata through `updateMetadata` so the change is persisted. */
  readonly metadata: SessionMetadata
  /** Port extra: cheap count of the session's messages. */
  readonly messageCount: number
  addMessage(message: Message): Promise<boolean>
  getMessages(options?: GetMessagesOptions): Promise<Message[]>
  /** Port extra: one page of messages plus the filtered total. */
  getMessagesPage(query?: MessagePageQuery): Promise<MessagePage>
  getRecentContext(maxTokens?: number | null): Promise<Message[]>
  clearMessages(keepSystem?: boolean): Promise<boolean>
  /**
   * Port extra: replaces the message list with `update(current)` (returning `current` changes nothing), computed
   * and persisted as one change. For edits: untouched messages keep their ids; nothing is trimmed or summarised.
   */
  replaceMessages(update: (current: readonly Message[]) => readonly Message[]): Promise<void>
  getSummary(): Promise<ConversationSummary | null>
  /** Port extra: every summary created so far, oldest first (the current one may be absent after a full clear). */
  getSummaryHistory(): Promise<ConversationSummary[]>
  /**
   * Port extra `summarizer`: makes this summary with it instead of the session's own. It runs inside the session's
   * queue, so a slow one (an LLM) should be awaited first and passed as a function returning its draft.
   */
  createSummary(
    force?: boolean,
    summarizer?: (
      messages: readonly Message[],
    ) =>
      | { summary: string; key_topics: string[] }
      | null
      | Promise<{ summary: string; key_topics: string[] } | null>,
  ): Promise<ConversationSummary | null>
  updateMetadata(patch: SessionMetadataPatch): Promise<boolean>
  close(): Promise<boolean>
}

/**
 * What is wrong with one file of a JSON session store. `index` damage (the manifest or an index shard) makes the
 * store read-only until it is repaired; session file problems affect only that session.
 */
export const storeDamageSchema = z.object({
  kind: z.enum([
    'manifest',
    'index_shard',
    'missing_session_file',
    'orphaned_session_file',
    'unreadable_session_file',
  ]),
  /** Absolute path of the file. */
  file: z.string(),
  /** What is wrong, e.g. `Malformed JSON: Unexpected end of JSON input`. */
  problem: z.string(),
  session_id: z.string().optional(),
})
export type StoreDamage = z.infer<typeof storeDamageSchema>

export const healthCheckSchema = z.object({
  status: z.enum(['healthy', 'disconnected', 'unhealthy']),
  backend_type: backendKindSchema,
  session_count: z.number(),
  connected: z.boolean(),
  timestamp: z.string(),
  /** Present when unhealthy. */
  error: z.string().optional(),
  /** Port extra: damaged or inconsistent store files (JSON store), present when there are any. */
  damage: z.array(storeDamageSchema).optional(),
})
export type HealthCheck = z.infer<typeof healthCheckSchema>

export interface ListSessionsQuery {
  userId?: string | null
  status?: SessionStatus | null
  limit?: number
  offset?: number
}

export interface SessionListPage {
  sessions: SessionMetadata[]
  /** Sessions matching the filters, over all pages. */
  total: number
  offset: number
  limit: number
}

export interface IMemoryBackend {
  readonly backendType: BackendKind
  readonly isConnected: boolean
  connect(): Promise<boolean>
  disconnect(): Promise<boolean>
  createSession(metadata: SessionMetadata): Promise<IMemorySession>
  getSession(sessionId: string): Promise<IMemorySession | null>
  /** Newest `updated_at` first. */
  listSessions(
    userId?: string | null,
    status?: SessionStatus | null,
    limit?: number,
    offset?: number,
  ): Promise<SessionMetadata[]>
  /** Port extra: `listSessions` with the total for paging. */
  listSessionsPage(query?: ListSessionsQuery): Promise<SessionListPage>
  /** Port extra: metadata without loading the session's messages. */
  getSessionMetadata(sessionId: string): Promise<SessionMetadata | null>
  /** Port extra: message count without loading the session's messages; null for an unknown session. */
  getMessageCount(sessionId: string): Promise<number | null>
  /** False when the session did not exist. */
  deleteSession(sessionId: string): Promise<boolean>
  cleanupExpiredSessions(): Promise<number>
  getUsageStats(): Promise<MemoryUsage>
  healthCheck(): Promise<HealthCheck>
}

/** `create_session(session_id=None, user_id=None, agent_id=None, **kwargs)`: any metadata field, id optional. */
export type CreateSessionOptions = Partial<SessionMetadataInit>

export interface SystemStats {
  usage: MemoryUsageDict
  health: HealthCheck
  cached_sessions: number
  backend_type: BackendKind
}

export interface IMemoryManager {
  readonly backend: IMemoryBackend
  createSession(options?: CreateSessionOptions): Promise<IMemorySession>
  getSession(sessionId: string): Promise<IMemorySession | null>
  getOrCreateSession(
    sessionId: string,
    options?: Omit<CreateSessionOptions, 'session_id'>,
  ): Promise<IMemorySession>
  deleteSession(sessionId: string): Promise<boolean>
  listUserSessions(userId: string, status?: SessionStatus | null, limit?: number): Promise<SessionMetadata[]>
  cleanupExpiredSessions(): Promise<number>
  getSystemStats(): Promise<SystemStats>
}

/** `(current, total, status)`, the seed's `ProgressCallback`. */
export type ProgressCallback = (current: number, total: number, status: string) => void

/** Declared for completeness; the Python package has no implementation (spec §11, §12) and neither has this port yet. */
export interface IMemoryMigrator {
  migrateFromV1(
    sourceConfig: Record<string, unknown>,
    targetBackend: IMemoryBackend,
    progressCallback?: ProgressCallback,
  ): Promise<Record<string, unknown>>
  validateMigration(
    sourceConfig: Record<string, unknown>,
    targetBackend: IMemoryBackend,
  ): Promise<Record<string, unknown>>
  backupData(backend: IMemoryBackend, backupPath: string): Promise<boolean>
  restoreData(backend: IMemoryBackend, backupPath: string): Promise<boolean>
}

export interface IMemoryProvider {
  readonly providerName: string
  readonly capabilities: string[]
  analyzeConversation(messages: Message[]): Promise<Record<string, unknown>>
  suggestActions(session: IMemorySession): Promise<Record<string, unknown>[]>
  extractEntities(messages: Message[]): Promise<Record<string, unknown>[]>
  getInsights(session: IMemorySession): Promise<Record<string, unknown>>
}

/** One step of a session store repair: done, or (in a dry run) what would be done. */
export const storeRepairActionSchema = z.object({
  action: z.enum([
    'kept_damaged_copy',
    'rewrote_manifest',
    'rewrote_index_shard',
    'restored_session',
    'recreated_session_file',
    'left_unreadable',
    'left_conflicting',
  ]),
  /** Absolute path of the file written, copied or left alone. */
  file: z.string(),
  detail: z.string(),
  session_id: z.string().optional(),
})
export type StoreRepairAction = z.infer<typeof storeRepairActionSchema>

/** What a repair of a JSON session store found and did. Repair never deletes a file. */
export const storeRepairReportSchema = z.object({
  store: z.string(),
  dry_run: z.boolean(),
  /** Problems found before repairing. */
  damage: z.array(storeDamageSchema),
  actions: z.array(storeRepairActionSchema),
  /** Sessions the index lists after the repair. */
  sessions: z.number(),
  /** Messages the index counted in session files that are gone: not recoverable by any repair. */
  lost_messages: z.number(),
})
export type StoreRepairReport = z.infer<typeof storeRepairReportSchema>
