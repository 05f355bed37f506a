import { z } from 'zod'
import type { ChannelName, EventName } from './channels'
import {
  additionalStateViewSchema,
  documentErrorViewSchema,
  documentSummarySchema,
  kgFactRowSchema,
  lintIssueSchema,
  messageDetailSchema,
  messageTextSchema,
  messageTextTargetSchema,
  messageIdSchema,
  openResultSchema,
  rowFilterSchema,
  rowQuerySchema,
  rowSortSchema,
  rowWindowSchema,
  searchQuerySchema,
  searchResultSchema,
} from './model/document'
import {
  documentStateSchema,
  editCommandSchema,
  editResultSchema,
  saveOptionsShape,
  saveResultSchema,
} from './model/edit'
import { conversationSummaryDictSchema } from './model/langswarm/conversationSummary'
import { sessionStatusSchema } from './model/langswarm/enums'
import {
  metadataFieldsShape,
  sessionDetailSchema,
  sessionPageSchema,
  sessionStoreStatsSchema,
} from './model/session'
import type { Result } from './result'
import { tokenContract, tokenEvents } from './domains/tokens/contract'
import { summaryContract, summaryEvents } from './domains/summaries/contract'
import { migrationContract, migrationEvents } from './domains/migration/contract'
import { insightContract, insightEvents } from './domains/insights/contract'
import { storeContract, storeEvents } from './domains/store/contract'
import { compareContract, compareEvents } from './domains/compare/contract'

/**
 * The contract between renderer and main, written once: every channel is a pair of zod schemas, and every
 * TypeScript type below is derived from them. Main validates each input against `contract[channel].input` (both
 * doors, see `api/dispatch.ts`); the renderer's fake client validates inputs and outputs in tests.
 *
 * Adding a channel: add `'domain.verb': { input, output }` to `contract` (inputs are strict objects with limits on
 * every string, array and number a user can send), add its name to `CHANNELS` in `channels.ts` (the build fails
 * until both lists agree), and add its handler (the `Handlers` type fails the build until it exists).
 */

export const doorSchema = z.enum(['electron', 'web'])
/** Which way the renderer reaches main. */
export type Door = z.infer<typeof doorSchema>

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** Node's version in main (web mode) or Electron's versions (desktop). */
  runtime: z.string(),
  dataDir: z.string(),
  door: doorSchema,
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  documentId: z.string().optional(),
  /** `disk`: a warning that the document's file changed or went on disk; dropped once resolved (saved, reloaded). */
  topic: z.enum(['disk']).optional(),
})
export type Notice = z.infer<typeof noticeSchema>

export const workspaceRootsSchema = z.object({
  /** Web mode: the folders "Open path" may read under (those given at start-up). Empty in Electron: anything. */
  roots: z.array(z.string()),
  restricted: z.boolean(),
  /** Whether a native open dialog exists (Electron only). */
  canBrowse: z.boolean(),
})
export type WorkspaceRoots = z.infer<typeof workspaceRootsSchema>

export const recentEntrySchema = z.object({ path: z.string(), openedMs: z.number() })
export type RecentEntry = z.infer<typeof recentEntrySchema>

/** Why a document changed: `disk` means only its on-disk status changed (edited or removed behind the app). */
export const documentChangeReasonSchema = z.enum([
  'indexed',
  /** The file's scan finished: the rest of its messages are there (indexing goes on); same revision. */
  'scanned',
  'edit',
  'undo',
  'redo',
  'save',
  'reload',
  'revert',
  'disk',
])
export type DocumentChangeReason = z.infer<typeof documentChangeReasonSchema>

/** Commands from the Electron menu, handled by the renderer like its own keyboard shortcuts. */
export const menuCommandSchema = z.enum([
  'open',
  'openFolder',
  'save',
  'saveAs',
  'revert',
  'close',
  'undo',
  'redo',
  'find',
  'about',
])
export type MenuCommand = z.infer<typeof menuCommandSchema>

const empty = z.strictObject({})
const id = z.string().min(1).max(200)
const ref = z.strictObject({ id })
const index = z.number().int().min(0)
const path = z.string().min(1).max(4096)
const revision = z.number().int().min(0)

/** Every channel: `domain.verb`, one input object, one output. */
export const contract = {
  'app.info': { input: empty, output: appInfoSchema },
  'workspace.roots': { input: empty, output: workspaceRootsSchema },
  'workspace.recent': { input: empty, output: z.array(recentEntrySchema) },
  'workspace.openDialog': {
    input: z.strictObject({ folders: z.boolean().optional() }),
    output: z.object({ paths: z.array(z.string()) }),
  },
  'document.open': {
    input: z.strictObject({ paths: z.array(path).min(1).max(10_000) }),
    output: openResultSchema,
  },
  'document.list': { input: empty, output: z.array(documentSummarySchema) },
  'document.close': {
    input: z.strictObject({ id, discard: z.boolean().optional() }),
    output: z.object({ closed: z.boolean() }),
  },
  'document.summary': { input: ref, output: documentSummarySchema },
  'document.error': { input: ref, output: documentErrorViewSchema.nullable() },
  'document.rows': { input: rowQuerySchema.extend({ id }), output: rowWindowSchema },
  /** Where message `index` sits in the sorted/filtered row list (null when filtered out). */
  'document.position': {
    input: z.strictObject({ id, index, sort: rowSortSchema.optional(), filter: rowFilterSchema.optional() }),
    output: z.object({ position: z.number().nullable() }),
  },
  /**
   * One message. With `messageId` (MessageRow.id), the message with that id wherever it is now (`index` is where
   * the caller last saw it, tried first); NOT_FOUND when it was deleted.
   */
  'document.message': {
    input: z.strictObject({ id, index, messageId: messageIdSchema.optional() }),
    output: messageDetailSchema,
  },
  /** A range of one of a message's texts, for contents too large to send whole in `document.message`. */
  'document.messageText': {
    input: z.strictObject({
      id,
      index,
      messageId: messageIdSchema.optional(),
      target: messageTextTargetSchema,
      offset: z.number().int().min(0),
      length: z
        .number()
        .int()
        .min(1)
        .max(16 * 1024 * 1024),
    }),
    output: messageTextSchema,
  },
  /** Where messages are now, by id (null: deleted). */
  'document.locate': {
    input: z.strictObject({ id, messageIds: z.array(messageIdSchema).max(200_000) }),
    output: z.object({ indices: z.array(z.number().nullable()) }),
  },
  'document.image': {
    input: z.strictObject({ id, index, partIndex: index }),
    output: z.object({ dataUrl: z.string(), mime: z.string(), bytes: z.number() }),
  },
  'document.additionalState': { input: ref, output: additionalStateViewSchema },
  'document.facts': { input: ref, output: z.array(kgFactRowSchema) },
  'document.lint': { input: ref, output: z.array(lintIssueSchema) },
  /** The start of a file's text (a file that is no MARSYS memory is shown as it is); not for store sessions. */
  'document.fileText': {
    input: ref,
    output: z.object({ text: z.string(), totalBytes: z.number(), shownBytes: z.number() }),
  },
  'document.search': { input: searchQuerySchema, output: searchResultSchema },
  /** Applies a batch of edits as one undo step; a stale `revision` is a CONFLICT, never a lost update. */
  'document.edit': {
    input: z.strictObject({ id, revision, commands: z.array(editCommandSchema).min(1).max(1_000) }),
    output: editResultSchema,
  },
  'document.undo': { input: ref, output: documentStateSchema },
  'document.redo': { input: ref, output: documentStateSchema },
  'document.state': { input: ref, output: documentStateSchema },
  /** CONFLICT with details.reason `marsys-unloadable`, `changed-on-disk`, `missing-on-disk` or `target-exists`. */
  'document.save': { input: z.strictObject({ id, ...saveOptionsShape }), output: saveResultSchema },
  'document.saveAs': { input: z.strictObject({ id, path, ...saveOptionsShape }), output: saveResultSchema },
  'document.revert': { input: ref, output: documentStateSchema },
  'workspace.saveDialog': {
    input: z.strictObject({ defaultPath: path }),
    output: z.object({ path: z.string().nullable() }),
  },
  /** The session store (langswarm-memory's JSON-file backend in the data folder); newest `updated_at` first. */
  'session.list': {
    input: z.strictObject({
      userId: z.string().max(1_000).nullable().optional(),
      status: sessionStatusSchema.nullable().optional(),
      limit: z.number().int().min(1).max(1_000),
      offset: index,
    }),
    output: sessionPageSchema,
  },
  'session.get': { input: ref, output: sessionDetailSchema },
  /** Opens a session as a document (the same views and edits as a file; each change is saved to the store). */
  'session.open': { input: ref, output: documentSummarySchema },
  'session.create': {
    input: z.strictObject({ session_id: z.string().min(1).max(200).optional(), ...metadataFieldsShape }),
    output: sessionDetailSchema,
  },
  'session.delete': { input: ref, output: z.object({ deleted: z.boolean() }) },
  'session.summarize': {
    input: z.strictObject({ id, force: z.boolean().optional() }),
    output: conversationSummaryDictSchema.nullable(),
  },
  'session.summary': { input: ref, output: conversationSummaryDictSchema.nullable() },
  'session.stats': { input: empty, output: sessionStoreStatsSchema },
  ...tokenContract,
  ...summaryContract,
  ...migrationContract,
  ...insightContract,
  ...storeContract,
  ...compareContract,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** Every event main pushes: `domain.pastTense` (or a noun for notices and progress). */
export const events = {
  'app.notice': noticeSchema,
  'app.menuCommand': z.object({ command: menuCommandSchema }),
  'session.changed': z.object({ id: z.string() }),
  'document.opened': documentSummarySchema,
  'document.changed': z.object({ id: z.string(), revision: z.number(), reason: documentChangeReasonSchema }),
  'document.closed': z.object({ id: z.string() }),
  'document.progress': z.object({
    path: z.string(),
    done: z.number(),
    total: z.number(),
    /** `scanning`: done and total are bytes; `indexing`: messages. */
    phase: z.enum(['reading', 'scanning', 'indexing']),
  }),
  ...tokenEvents,
  ...summaryEvents,
  ...migrationEvents,
  ...insightEvents,
  ...storeEvents,
  ...compareEvents,
} as const satisfies Record<string, z.ZodType>

export type Channel = keyof typeof contract
export type Contract = {
  [C in Channel]: {
    input: z.infer<(typeof contract)[C]['input']>
    output: z.infer<(typeof contract)[C]['output']>
  }
}
export type EventPayloads = { [E in keyof typeof events]: z.infer<(typeof events)[E]> }
export type InputOf<C extends Channel> = Contract[C]['input']
export type OutputOf<C extends Channel> = Contract[C]['output']
export type ResultOf<C extends Channel> = Result<OutputOf<C>>

/** The channels, in the contract's order, from the contract itself (main registers and dispatches these). */
export const CONTRACT_CHANNELS = Object.keys(contract) as Channel[]

export const isContractChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && Object.hasOwn(contract, value)

// Compile-time guard: the import-free runtime lists in channels.ts (what the preload bundles) and the contract
// must name exactly the same things; a unit test pins the same order.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false
const channelsInStep: SameKeys<Channel, ChannelName> = true
const eventsInStep: SameKeys<keyof EventPayloads, EventName> = true
export const CONTRACT_IN_STEP = channelsInStep && eventsInStep

/** What the preload exposes as `window.api`, and what the HTTP client implements too. */
export interface Bridge {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** Electron only: the path of a file dropped on the window (web pages cannot know it). */
  pathForFile?(file: File): string
}
