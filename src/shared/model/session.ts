import type { ConversationSummaryDict } from './langswarm/conversationSummary'
import type { HealthCheck } from './langswarm/interfaces'
import type { MemoryUsageDict } from './langswarm/memoryUsage'
import type { MessageDict } from './langswarm/message'
import type { SessionMetadataDict, SessionMetadataPatch } from './langswarm/sessionMetadata'

/** A session of the inspector's session store, as the renderer lists it (never with its messages). */
export interface SessionInfo {
  metadata: SessionMetadataDict
  messageCount: number
}

export interface SessionDetail extends SessionInfo {
  summary: ConversationSummaryDict | null
}

export interface SessionPage {
  sessions: SessionInfo[]
  total: number
  offset: number
}

export interface SessionMessagePage {
  total: number
  offset: number
  messages: MessageDict[]
}

export interface SessionStoreStats {
  path: string
  usage: MemoryUsageDict
  health: HealthCheck
}

export type { SessionMetadataPatch }

/**
 * Edits of a stored session go through the same command/undo path as file edits, but the store is the truth:
 * each batch is persisted at once, and undo persists the inverse.
 */
export type SessionEditCommand =
  | { op: 'setMetadata'; patch: SessionMetadataPatch & { expires_at?: string | null } }
  | { op: 'setMessage'; index: number; role?: string; content?: string }
  | { op: 'insertMessage'; index: number; role: string; content: string }
  | { op: 'deleteMessages'; indices: number[] }
  | { op: 'moveMessages'; indices: number[]; direction: 'up' | 'down' }

export interface SessionEditState {
  id: string
  /** Bumped by every edit, undo and redo; a stale revision in `session.edit` is a CONFLICT. */
  revision: number
  canUndo: boolean
  canRedo: boolean
  undoLabel: string | null
  redoLabel: string | null
}
