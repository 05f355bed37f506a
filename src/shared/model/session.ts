import { z } from 'zod'
import { conversationSummaryDictSchema } from './langswarm/conversationSummary'
import { sessionStatusSchema } from './langswarm/enums'
import { healthCheckSchema } from './langswarm/interfaces'
import { memoryUsageDictSchema } from './langswarm/memoryUsage'
import { messageDictSchema } from './langswarm/message'
import { sessionMetadataDictSchema, type SessionMetadataPatch } from './langswarm/sessionMetadata'
import { indicesSchema, jsonTextSchema, moveDirectionSchema } from './edit'

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

export const sessionMessagePageSchema = z.object({
  total: z.number(),
  offset: z.number(),
  messages: z.array(messageDictSchema),
})
export type SessionMessagePage = z.infer<typeof sessionMessagePageSchema>

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

const index = z.number().int().min(0)
const role = z.string().min(1).max(100)

/**
 * Edits of a stored session go through the same command/undo path as file edits, but the store is the truth:
 * each batch is persisted at once, and undo persists the inverse.
 */
export const sessionEditCommandSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('setMetadata'), patch: metadataPatchInputSchema }),
  z.strictObject({
    op: z.literal('setMessage'),
    index,
    role: role.optional(),
    content: jsonTextSchema.optional(),
  }),
  z.strictObject({ op: z.literal('insertMessage'), index, role, content: jsonTextSchema }),
  z.strictObject({ op: z.literal('deleteMessages'), indices: indicesSchema }),
  z.strictObject({ op: z.literal('moveMessages'), indices: indicesSchema, direction: moveDirectionSchema }),
])
export type SessionEditCommand = z.infer<typeof sessionEditCommandSchema>

export const sessionEditStateSchema = z.object({
  id: z.string(),
  /** Bumped by every edit, undo and redo; a stale revision in `session.edit` is a CONFLICT. */
  revision: z.number(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
})
export type SessionEditState = z.infer<typeof sessionEditStateSchema>
