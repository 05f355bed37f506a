import type { ConversationSummary, Message, SessionMetadata } from '../../../../shared/model/langswarm'
import {
  exportFormatSchema,
  exportMemoryTypeSchema,
  type ExportFormat,
  type ExportMemoryType,
} from '../../../../shared/domains/migration/contract'
import type { LossEntry } from '../types'

/** What an export reads: one session, from the store or straight from a source file. */
export interface ExportableSession {
  metadata: SessionMetadata
  messages: readonly Message[]
  summaries: readonly ConversationSummary[]
}

export type { ExportFormat, ExportMemoryType }
export const EXPORT_FORMATS: readonly ExportFormat[] = exportFormatSchema.options
export const EXPORT_MEMORY_TYPES: readonly ExportMemoryType[] = exportMemoryTypeSchema.options

export interface ExportOptions {
  /** MARSYS: `conversation_history` or `managed_conversation` (default: the type the session came from, else conversation_history). */
  memoryType?: ExportMemoryType
  /** OpenAI / Anthropic: the request's model. */
  model?: string
  /** Anthropic: the request's `max_tokens`. */
  maxTokens?: number
  /** MARSYS: the save time (seconds) when the session has none of its own; default now. */
  nowSeconds?: () => number
}

export interface ExportResult {
  text: string
  /** Suggested file extension, without the dot. */
  extension: string
  /** What the format cannot hold, per field, with the reason (session-level fields included). */
  losses: LossEntry[]
}

/** Merges same field + reason, summing counts. */
export function mergeLosses(entries: readonly LossEntry[]): LossEntry[] {
  const out: LossEntry[] = []
  for (const entry of entries) {
    const existing = out.find((item) => item.field === entry.field && item.reason === entry.reason)
    if (existing === undefined) out.push({ ...entry })
    else existing.count += entry.count
  }
  return out
}

/** Session-level fields a conversation-only format has no place for. */
export function sessionLosses(session: ExportableSession, format: string): LossEntry[] {
  const losses: LossEntry[] = [
    {
      field: 'session metadata',
      count: 1,
      reason: `${format} holds messages only (ids, user, status, times, properties)`,
    },
  ]
  if (session.summaries.length > 0)
    losses.push({ field: 'summaries', count: session.summaries.length, reason: `${format} has no summaries` })
  return losses
}
