import { z } from 'zod'
import { conversationSummaryDictSchema } from './langswarm/conversationSummary'
import { sessionStatusSchema } from './langswarm/enums'
import { healthCheckSchema } from './langswarm/interfaces'
import { memoryUsageDictSchema } from './langswarm/memoryUsage'
import { sessionMetadataDictSchema, type SessionMetadataPatch } from './langswarm/sessionMetadata'

/** A session of the inspector's session store, as the renderer lists it (never with its messages). */
export const sessionInfoSchema = z.object({
  metadata: sessionMetadataDictSchema,
  messageCount: z.number(),
})
export type SessionInfo = z.infer<typeof sessionInfoSchema>

export const sessionDetailSchema = sessionInfoSchema.extend({
  summary: conversationSummaryDictSchema.nullable(),
})
export type SessionDetail = z.infer<typeof sessionDetailSchema>

export const sessionPageSchema = z.object({
  sessions: z.array(sessionInfoSchema),
  total: z.number(),
  offset: z.number(),
})
export type SessionPage = z.infer<typeof sessionPageSchema>

export const sessionStoreStatsSchema = z.object({
  path: z.string(),
  usage: memoryUsageDictSchema,
  health: healthCheckSchema,
})
export type SessionStoreStats = z.infer<typeof sessionStoreStatsSchema>

export type { SessionMetadataPatch }

export const isoDateSchema = z.string().min(1).max(64)

/** The metadata fields a caller may set (session_id and updated_at are the store's). */
export const metadataFieldsShape = {
  user_id: z.string().max(1_000).nullable().optional(),
  agent_id: z.string().max(1_000).nullable().optional(),
  workflow_id: z.string().max(1_000).nullable().optional(),
  max_messages: z.number().int().min(1).max(10_000_000).optional(),
  max_tokens: z.number().int().min(1).nullable().optional(),
  auto_summarize: z.boolean().optional(),
  summary_threshold: z.number().int().min(1).optional(),
  status: sessionStatusSchema.optional(),
  expires_at: isoDateSchema.nullable().optional(),
  tags: z.array(z.string().max(1_000)).max(1_000).optional(),
  properties: z.record(z.string(), z.json()).optional(),
}

/** A metadata change from the renderer: any settable field, plus `created_at`. */
export const metadataPatchInputSchema = z.strictObject({
  ...metadataFieldsShape,
  created_at: isoDateSchema.optional(),
})
