import { z } from 'zod'
import type { Channel, InputOf } from './contract'
import { ROW_SORT_COLUMNS } from './model/document'

/**
 * Runtime validation of every channel's input, used at the edge in main (both doors). Typed against the
 * contract, so a channel without a schema, or a schema that accepts the wrong shape, fails the build.
 */
const empty = z.strictObject({}) as unknown as z.ZodType<Record<string, never>>
const id = z.string().min(1).max(200)
const index = z.number().int().min(0)
const sort = z.strictObject({ column: z.enum(ROW_SORT_COLUMNS), descending: z.boolean() }).optional()
const filter = z
  .strictObject({
    roles: z.array(z.string().max(100)).max(50).optional(),
    text: z.string().max(10_000).optional(),
    flaggedOnly: z.boolean().optional(),
  })
  .optional()
const path = z.string().min(1).max(4096)
/** JSON text from an editor; big enough for a message with inline images. */
const jsonText = z.string().max(64 * 1024 * 1024)
const indices = z.array(index).min(1).max(200_000)

const sessionStatus = z.enum(['active', 'paused', 'completed', 'archived', 'expired'])
const isoDate = z.string().min(1).max(64)
const jsonObject = z.record(z.string(), z.json())
/** The metadata fields a caller may set (session_id and updated_at are the store's). */
const metadataFields = {
  user_id: z.string().max(1_000).nullable().optional(),
  agent_id: z.string().max(1_000).nullable().optional(),
  workflow_id: z.string().max(1_000).nullable().optional(),
  max_messages: z.number().int().min(1).max(10_000_000).optional(),
  max_tokens: z.number().int().min(1).nullable().optional(),
  auto_summarize: z.boolean().optional(),
  summary_threshold: z.number().int().min(1).optional(),
  status: sessionStatus.optional(),
  expires_at: isoDate.nullable().optional(),
  tags: z.array(z.string().max(1_000)).max(1_000).optional(),
  properties: jsonObject.optional(),
}

const editCommand = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('setField'),
    index,
    field: z.enum(['role', 'name', 'tool_call_id']),
    value: z.string().max(1_000_000).nullable(),
  }),
  z.strictObject({ op: z.literal('setContentText'), index, text: jsonText }),
  z.strictObject({ op: z.literal('setContentJson'), index, json: jsonText }),
  z.strictObject({ op: z.literal('setMessageJson'), index, json: jsonText }),
  z.strictObject({
    op: z.literal('setToolCall'),
    index,
    callIndex: index,
    id: z.string().max(10_000).optional(),
    name: z.string().max(10_000).optional(),
    arguments: jsonText.optional(),
  }),
  z.strictObject({
    op: z.literal('addToolCall'),
    index,
    id: z.string().max(10_000),
    name: z.string().max(10_000),
    arguments: jsonText,
  }),
  z.strictObject({ op: z.literal('removeToolCall'), index, callIndex: index }),
  z.strictObject({
    op: z.literal('insert'),
    index,
    json: jsonText.optional(),
    role: z.string().max(100).optional(),
    text: jsonText.optional(),
  }),
  z.strictObject({ op: z.literal('duplicate'), indices }),
  z.strictObject({ op: z.literal('delete'), indices }),
  z.strictObject({ op: z.literal('move'), indices, direction: z.enum(['up', 'down']) }),
  z.strictObject({ op: z.literal('addPlaceholderResults'), index }),
  z.strictObject({ op: z.literal('setAdditionalState'), json: jsonText.nullable() }),
  z.strictObject({
    op: z.literal('setSessionMetadata'),
    patch: z.strictObject({ ...metadataFields, created_at: isoDate.optional() }),
  }),
])
const saveOptions = { allowUnloadable: z.boolean().optional(), overwrite: z.boolean().optional() }

export const inputSchemas: { [C in Channel]: z.ZodType<InputOf<C>> } = {
  'app.info': empty,
  'workspace.roots': empty,
  'workspace.recent': empty,
  'workspace.openDialog': z.strictObject({ folders: z.boolean().optional() }),
  'document.open': z.strictObject({ paths: z.array(path).min(1).max(10_000) }),
  'document.list': empty,
  'document.close': z.strictObject({ id, discard: z.boolean().optional() }),
  'document.summary': z.strictObject({ id }),
  'document.error': z.strictObject({ id }),
  'document.rows': z.strictObject({
    id,
    offset: index,
    limit: z.number().int().min(0).max(5_000),
    sort,
    filter,
  }),
  'document.position': z.strictObject({ id, index, sort, filter }),
  'document.message': z.strictObject({ id, index, messageId: index.optional() }),
  'document.locate': z.strictObject({ id, messageIds: z.array(index).max(200_000) }),
  'document.image': z.strictObject({ id, index, partIndex: index }),
  'document.additionalState': z.strictObject({ id }),
  'document.facts': z.strictObject({ id }),
  'document.lint': z.strictObject({ id }),
  'document.search': z.strictObject({
    documentIds: z.array(id).max(10_000).optional(),
    text: z.string().min(1).max(10_000),
    regex: z.boolean().optional(),
    caseSensitive: z.boolean().optional(),
    fields: z
      .array(z.enum(['content', 'role', 'tool', 'name']))
      .max(4)
      .optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  'document.edit': z.strictObject({
    id,
    revision: z.number().int().min(0),
    commands: z.array(editCommand).min(1).max(1_000),
  }),
  'document.undo': z.strictObject({ id }),
  'document.redo': z.strictObject({ id }),
  'document.state': z.strictObject({ id }),
  'document.save': z.strictObject({ id, ...saveOptions }),
  'document.saveAs': z.strictObject({ id, path, ...saveOptions }),
  'document.revert': z.strictObject({ id }),
  'workspace.saveDialog': z.strictObject({ defaultPath: path }),
  'session.list': z.strictObject({
    userId: z.string().max(1_000).nullable().optional(),
    status: sessionStatus.nullable().optional(),
    limit: z.number().int().min(1).max(1_000),
    offset: index,
  }),
  'session.get': z.strictObject({ id }),
  'session.open': z.strictObject({ id }),
  'session.create': z.strictObject({ session_id: z.string().min(1).max(200).optional(), ...metadataFields }),
  'session.delete': z.strictObject({ id }),
  'session.summarize': z.strictObject({ id, force: z.boolean().optional() }),
  'session.summary': z.strictObject({ id }),
  'session.stats': empty,
}
