import type { ConversationSummaryDict } from './langswarm/conversationSummary'
import type { HealthCheck } from './langswarm/interfaces'
import type { MemoryUsageDict } from './langswarm/memoryUsage'
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

export interface SessionStoreStats {
  path: string
  usage: MemoryUsageDict
  health: HealthCheck
}

export type { SessionMetadataPatch }
