import { z } from 'zod'
import { metadataPatchInputSchema } from './session'

/**
 * Edits are commands the renderer sends and main applies: main records their inverse for undo/redo, bumps the
 * document's revision and emits `document.changed`. JSON values travel as text so main parses them losslessly
 * (number text such as `5.0`, NaN, key order) and can point at syntax errors by line and column.
 */
export const messageFieldSchema = z.enum(['role', 'name', 'tool_call_id'])
export type MessageField = z.infer<typeof messageFieldSchema>

const index = z.number().int().min(0)
/** JSON text from an editor; big enough for a message with inline images. */
export const jsonTextSchema = z.string().max(64 * 1024 * 1024)
/** A selection of message indices (multi-select edits). */
export const indicesSchema = z.array(index).min(1).max(200_000)
export const moveDirectionSchema = z.enum(['up', 'down'])

export const editCommandSchema = z.discriminatedUnion('op', [
  /** Set a string field; null removes an optional one (`name`, `tool_call_id`). */
  z.strictObject({
    op: z.literal('setField'),
    index,
    field: messageFieldSchema,
    value: z.string().max(1_000_000).nullable(),
  }),
  /** Content as a plain string. */
  z.strictObject({ op: z.literal('setContentText'), index, text: jsonTextSchema }),
  /** Content as any JSON value (a typed array, null, a number…), given as JSON text. */
  z.strictObject({ op: z.literal('setContentJson'), index, json: jsonTextSchema }),
  /** The whole message, as JSON text. */
  z.strictObject({ op: z.literal('setMessageJson'), index, json: jsonTextSchema }),
  z.strictObject({
    op: z.literal('setToolCall'),
    index,
    callIndex: index,
    id: z.string().max(10_000).optional(),
    name: z.string().max(10_000).optional(),
    arguments: jsonTextSchema.optional(),
  }),
  z.strictObject({
    op: z.literal('addToolCall'),
    index,
    id: z.string().max(10_000),
    name: z.string().max(10_000),
    arguments: jsonTextSchema,
  }),
  z.strictObject({ op: z.literal('removeToolCall'), index, callIndex: index }),
  /** Insert before position `index` (the count appends); a message as JSON text, or a role and text. */
  z.strictObject({
    op: z.literal('insert'),
    index,
    json: jsonTextSchema.optional(),
    role: z.string().max(100).optional(),
    text: jsonTextSchema.optional(),
  }),
  z.strictObject({ op: z.literal('duplicate'), indices: indicesSchema }),
  z.strictObject({ op: z.literal('delete'), indices: indicesSchema }),
  /** Move the selected messages one place up or down, together. */
  z.strictObject({ op: z.literal('move'), indices: indicesSchema, direction: moveDirectionSchema }),
  /** Quick fix: a placeholder tool result after `index` for each of its calls that has none. */
  z.strictObject({ op: z.literal('addPlaceholderResults'), index }),
  /**
   * Quick fix: tool results without `tool_call_id` get the id of the unanswered call before them, paired in order
   * (what MARSYS loses when it loads and resaves a file). `indices`: only these results; absent: all of them.
   */
  z.strictObject({ op: z.literal('linkToolResults'), indices: indicesSchema.optional() }),
  /**
   * The whole message list anew, in one step (a compaction applied, a redaction): each entry keeps the message now
   * at `keep` exactly as it is (its bytes and its id), or is a message given as JSON text.
   */
  z.strictObject({
    op: z.literal('rebuild'),
    messages: z
      .array(z.union([z.strictObject({ keep: index }), z.strictObject({ json: jsonTextSchema })]))
      .max(2_000_000),
  }),
  /** `additional_state` as JSON text; null removes it (MARSYS files). */
  z.strictObject({ op: z.literal('setAdditionalState'), json: jsonTextSchema.nullable() }),
  /** Metadata fields of a store session (its session_id and updated_at are the store's). */
  z.strictObject({ op: z.literal('setSessionMetadata'), patch: metadataPatchInputSchema }),
])
export type EditCommand = z.infer<typeof editCommandSchema>

export const diskStatusSchema = z.enum(['same', 'changed', 'missing'])
export type DiskStatus = z.infer<typeof diskStatusSchema>

export const documentStateSchema = z.object({
  id: z.string(),
  revision: z.number(),
  dirty: z.boolean(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** The label of the edit the next undo/redo would revert/reapply. */
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
  /** Whether the file on disk still has the bytes we opened or last saved. */
  disk: diskStatusSchema,
  path: z.string(),
})
export type DocumentState = z.infer<typeof documentStateSchema>

/** What an edit answers: the new state, and the ids of the messages it added (inserted, duplicated, fixed). */
export const editResultSchema = documentStateSchema.extend({ insertedIds: z.array(z.number()) })
export type EditResult = z.infer<typeof editResultSchema>

export const saveOptionsShape = {
  /** Save even though MARSYS's loader would refuse the result. */
  allowUnloadable: z.boolean().optional(),
  /** Write even though the file changed on disk since it was opened or saved. */
  overwrite: z.boolean().optional(),
}
export const saveOptionsSchema = z.strictObject(saveOptionsShape)
export type SaveOptions = z.infer<typeof saveOptionsSchema>

export const saveResultSchema = z.object({
  state: documentStateSchema,
  path: z.string(),
  bytes: z.number(),
  backupPath: z.string().nullable(),
  /** Messages edited, added or removed compared with the file as it was opened or last reloaded (moves not counted). */
  changedMessages: z.number(),
})
export type SaveResult = z.infer<typeof saveResultSchema>
