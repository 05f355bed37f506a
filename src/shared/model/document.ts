import { z } from 'zod'

/**
 * What the renderer sees of an open memory file. Main owns the file; the renderer asks for summaries, windows of
 * rows and single messages, never for the whole file. Each shape is a zod schema first; the TypeScript type is
 * derived from it, so the contract, the fake client's checks and the code that builds these cannot drift apart.
 */

export const documentStatusSchema = z.enum(['ok', 'error'])
export type DocumentStatus = z.infer<typeof documentStatusSchema>

/** Where a problem is in a file; `path` is a JSON path such as `$.messages[3].tool_calls[0].function.arguments`. */
export const diagnosticSchema = z.object({
  message: z.string(),
  /** JSON path, e.g. `$.messages[3].tool_calls[0].function.arguments`. */
  path: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  messageIndex: z.number().optional(),
  /** For syntax errors: the text around the problem with a caret under it. */
  context: z.string().optional(),
})
export type Diagnostic = z.infer<typeof diagnosticSchema>

/** How many lint findings a document has, by severity: the same list `document.lint` answers, counted by main. */
export const lintCountsSchema = z.object({ error: z.number(), warning: z.number(), info: z.number() })
export type LintCounts = z.infer<typeof lintCountsSchema>

/**
 * An open conversation, whatever its source: a MARSYS memory file or a session of the store. The app calls both
 * "documents"; they open in tabs and share every view.
 */
export const documentSummarySchema = z.object({
  id: z.string(),
  source: z.enum(['file', 'session']),
  /** The file's path, or `<store path>#<session id>`. */
  path: z.string(),
  /** The file name, or the session id. */
  name: z.string(),
  /** The store's session id (null for files). */
  sessionId: z.string().nullable(),
  /** `conversation_history`, `managed_conversation`, `kg`, or whatever the file says (null when absent). */
  memoryType: z.string().nullable(),
  status: documentStatusSchema,
  messageCount: z.number(),
  /** True while main is still indexing the file in the background (counts below are partial). */
  indexing: z.boolean(),
  /**
   * True while main is still scanning the file: `messageCount` counts the messages found so far, and the MARSYS
   * verdict (`marsysLoadable`, `errorCount`, `warningCount`, even `status`) is not known yet. Implies `indexing`.
   */
  loading: z.boolean().optional(),
  /** MARSYS's own estimate (DefaultTokenCounter), the number it uses to decide compaction. */
  marsysTokens: z.number(),
  /**
   * Whether `marsysTokens` is final. A file's is as soon as its byte scan ends (the scan counts every message),
   * before the index is complete; otherwise it is final with the index.
   */
  marsysTokensFinal: z.boolean(),
  roles: z.record(z.string(), z.number()),
  toolCalls: z.number(),
  unansweredToolCalls: z.number(),
  orphanToolResults: z.number(),
  bytes: z.number(),
  modifiedMs: z.number(),
  /** Whether the source's loader accepts it as it stands: MARSYS's loader for files, the store's rules for sessions. */
  marsysLoadable: z.boolean(),
  /** The codec's file-level diagnostics (the lint panel's counts are `lint`). */
  errorCount: z.number(),
  warningCount: z.number(),
  /** The lint panel's findings by severity: what the Lint button and the documents table show. */
  lint: lintCountsSchema,
  /**
   * Set when the file is valid JSON but not a MARSYS memory (a list, an object without its fields, a number): what
   * it is, in a sentence. Such a file is shown as its JSON text, read-only.
   */
  notAMemory: z.string().optional(),
  revision: z.number(),
  dirty: z.boolean(),
})
export type DocumentSummary = z.infer<typeof documentSummarySchema>

/** A file that could not be parsed: where, what was expected, the surrounding text and MARSYS's verdict. */
export const documentErrorViewSchema = z.object({
  id: z.string(),
  path: z.string(),
  message: z.string(),
  line: z.number(),
  column: z.number(),
  expected: z.string().optional(),
  /** A few lines around the error, with their 1-based numbers. */
  context: z.array(z.object({ line: z.number(), text: z.string() })),
  marsysVerdict: z.string(),
})
export type DocumentErrorView = z.infer<typeof documentErrorViewSchema>

export const MESSAGE_FLAGS = [
  'orphan-tool-result',
  'unanswered-tool-call',
  'system-not-first',
  'duplicate-system',
  'same-role-as-previous',
  'empty',
  'marsys-unloadable',
  'not-an-object',
] as const

export const messageFlagSchema = z.enum(MESSAGE_FLAGS)
export type MessageFlag = z.infer<typeof messageFlagSchema>

/** A message's identity while its document is open: it survives edits, inserts, deletes and moves. */
export const messageIdSchema = z.number().int().min(0)

export const messageRowSchema = z.object({
  id: messageIdSchema,
  index: z.number(),
  role: z.string(),
  name: z.string().nullable(),
  /** The first ~200 characters of the content's text, one line. */
  preview: z.string(),
  tokens: z.number(),
  toolCallNames: z.array(z.string()),
  toolCallId: z.string().nullable(),
  flags: z.array(messageFlagSchema),
})
export type MessageRow = z.infer<typeof messageRowSchema>

export const ROW_SORT_COLUMNS = ['index', 'role', 'name', 'tokens', 'flags'] as const
export const rowSortColumnSchema = z.enum(ROW_SORT_COLUMNS)
export type RowSortColumn = z.infer<typeof rowSortColumnSchema>

const messageIndex = z.number().int().min(0)

export const rowSortSchema = z.strictObject({ column: rowSortColumnSchema, descending: z.boolean() })
export const rowFilterSchema = z.strictObject({
  roles: z.array(z.string().max(100)).max(50).optional(),
  text: z.string().max(10_000).optional(),
  flaggedOnly: z.boolean().optional(),
})

export const rowQuerySchema = z.strictObject({
  offset: messageIndex,
  limit: z.number().int().min(0).max(5_000),
  sort: rowSortSchema.optional(),
  filter: rowFilterSchema.optional(),
})
export type RowQuery = z.infer<typeof rowQuerySchema>

export const rowWindowSchema = z.object({
  /** Rows matching the filter, in total (the virtualised table's length). */
  total: z.number(),
  offset: z.number(),
  rows: z.array(messageRowSchema),
})
export type RowWindow = z.infer<typeof rowWindowSchema>

/** A part of a typed-array content, or the whole content when it is a string. */
/**
 * A message detail carries at most this many characters of each text (a content part, the raw JSON); the rest is
 * fetched on demand through `document.messageText`, so a 100 MB message never crosses the doors whole.
 */
export const MESSAGE_TEXT_LIMIT = 64 * 1024

/** `document.fileText` answers at most this many bytes of a file's text. */
export const FILE_TEXT_LIMIT = 256 * 1024

export const contentPartSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    /** The text, or its first MESSAGE_TEXT_LIMIT characters when `totalLength` is present. */
    text: z.string(),
    partIndex: z.number().nullable(),
    /** Present when `text` is cut: the full text's length. */
    totalLength: z.number().optional(),
  }),
  z.object({
    kind: z.literal('image'),
    partIndex: z.number(),
    mime: z.string(),
    bytes: z.number(),
    isDataUrl: z.boolean(),
    url: z.string().optional(),
  }),
  z.object({ kind: z.literal('json'), value: z.unknown(), partIndex: z.number().nullable() }),
])
export type ContentPart = z.infer<typeof contentPartSchema>

/** One hand-off to another agent: an invocation of an `invoke_agent` call, or an entry of `agent_calls`. */
export const handoffInvocationSchema = z.object({
  agent: z.string(),
  /** The request as text (its first MESSAGE_TEXT_LIMIT characters when `requestLength` is present). */
  request: z.string(),
  /** Present when `request` is cut: the full text's length. */
  requestLength: z.number().optional(),
})
export type HandoffInvocationView = z.infer<typeof handoffInvocationSchema>

/** The hand-offs one call (or one `agent_calls` list) makes; several invocations run in parallel. */
export const handoffsViewSchema = z.object({
  invocations: z.array(handoffInvocationSchema),
  /** Why MARSYS would refuse the call (then nothing was handed off), or null. */
  problem: z.string().nullable(),
})
export type HandoffsView = z.infer<typeof handoffsViewSchema>

export const toolCallViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  /** The arguments text (its first MESSAGE_TEXT_LIMIT characters when `argumentsLength` is present). */
  arguments: z.string(),
  /** Present when `arguments` is cut: the full text's length (then they are not parsed either). */
  argumentsLength: z.number().optional(),
  /** The arguments parsed, when they are valid JSON. */
  parsedArguments: z.unknown().optional(),
  /** Index of the tool message answering this call, or null when unanswered. */
  resultIndex: z.number().nullable(),
  /** Present on an `invoke_agent` call: the agents it hands the turn to, and their requests. */
  handoffs: handoffsViewSchema.optional(),
})
export type ToolCallView = z.infer<typeof toolCallViewSchema>

export const messageDetailSchema = z.object({
  id: messageIdSchema,
  index: z.number(),
  role: z.string(),
  name: z.string().nullable(),
  tokens: z.number(),
  flags: z.array(messageFlagSchema),
  /** How the content is shaped in the file. */
  contentShape: z.enum(['string', 'json-string', 'array', 'null', 'other']),
  parts: z.array(contentPartSchema),
  /** For dict-as-JSON-string contents: the parsed value, pretty-printable. */
  parsedContent: z.unknown().optional(),
  toolCalls: z.array(toolCallViewSchema),
  toolCallId: z.string().nullable(),
  /** For a tool result: the index of the assistant message whose call it answers (null: orphan). */
  answersIndex: z.number().nullable(),
  reasoningDetails: z.array(z.unknown()).nullable(),
  /** Present when the message has an `agent_calls` list (the older hand-off form). */
  agentCalls: handoffsViewSchema.optional(),
  /** Keys the app does not interpret, shown as they are. */
  otherKeys: z.record(z.string(), z.unknown()),
  /** The message exactly as its bytes are in the file (its first MESSAGE_TEXT_LIMIT characters when cut). */
  raw: z.string(),
  /** Present when `raw` is cut: the full text's length. */
  rawLength: z.number().optional(),
  /**
   * A file's message edited since the file was opened or saved: its bytes on disk ("as saved"; `raw` is "as
   * edited"), cut like `raw`; null when the message is not in the saved file (added since). Absent when the message
   * is as saved, and for store sessions (every edit is in the store at once).
   */
  rawSaved: z.string().nullable().optional(),
  rawSavedLength: z.number().optional(),
  diagnostics: z.array(diagnosticSchema),
})
export type MessageDetail = z.infer<typeof messageDetailSchema>

/** Which text of a message `document.messageText` reads: a content part's text (null: a string content) or raw. */
export const messageTextTargetSchema = z.union([
  z.strictObject({ kind: z.literal('part'), partIndex: z.number().int().min(0).nullable() }),
  z.strictObject({ kind: z.literal('raw') }),
  /** The message as saved (see `MessageDetail.rawSaved`). */
  z.strictObject({ kind: z.literal('rawSaved') }),
])
export type MessageTextTarget = z.infer<typeof messageTextTargetSchema>

export const messageTextSchema = z.object({
  /** The characters [offset, offset + text.length) of the text. */
  text: z.string(),
  offset: z.number(),
  totalLength: z.number(),
})
export type MessageText = z.infer<typeof messageTextSchema>

export const kgFactRowSchema = z.object({
  index: z.number(),
  role: z.string(),
  subject: z.string(),
  predicate: z.string(),
  object: z.string(),
  ambiguous: z.boolean(),
  text: z.string(),
})
export type KgFactRow = z.infer<typeof kgFactRowSchema>

export const planItemViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  content: z.string().optional(),
  priority: z.unknown().optional(),
})
export type PlanItemView = z.infer<typeof planItemViewSchema>

export const additionalStateViewSchema = z.object({
  present: z.boolean(),
  value: z.unknown(),
  /**
   * The value as JSON text for editing, losslessly: number spellings (`5.0`), NaN and Infinity, key order — which
   * `value` cannot carry once it has crossed JSON. Null when absent.
   */
  raw: z.string().nullable(),
  /** A MARSYS planning plan found in `additional_state.planning.plan`. */
  plan: z.object({ goal: z.string().nullable(), items: z.array(planItemViewSchema) }).nullable(),
})
export type AdditionalStateView = z.infer<typeof additionalStateViewSchema>

/** A tool result without `tool_call_id` and the unanswered call before it that it answers, paired in order. */
export const toolResultLinkSchema = z.object({
  resultIndex: z.number(),
  callIndex: z.number(),
  callId: z.string(),
})
export type ToolResultLink = z.infer<typeof toolResultLinkSchema>

export const lintKindSchema = z.enum([...MESSAGE_FLAGS, 'file'])
export type LintKind = z.infer<typeof lintKindSchema>

export const lintIssueSchema = z.object({
  kind: lintKindSchema,
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  messageIndex: z.number().nullable(),
  path: z.string(),
  /**
   * For an orphan result or an unanswered call: the links that fix it without losing anything — each tool result
   * without a `tool_call_id` and the call, before it, that was left unanswered (paired in order).
   */
  links: z.array(toolResultLinkSchema).optional(),
})
export type LintIssue = z.infer<typeof lintIssueSchema>

/** Findings by severity; info is counted apart, it is not a problem. */
export function countLintIssues(issues: readonly Pick<LintIssue, 'severity'>[]): LintCounts {
  const counts: LintCounts = { error: 0, warning: 0, info: 0 }
  for (const issue of issues) counts[issue.severity]++
  return counts
}

/** "2 errors, 5 warnings, 1 info", or "No problems found." — the lint panel's heading and the Lint button's title. */
export function describeLintCounts(counts: LintCounts): string {
  const parts: string[] = []
  if (counts.error > 0) parts.push(`${counts.error} error${counts.error === 1 ? '' : 's'}`)
  if (counts.warning > 0) parts.push(`${counts.warning} warning${counts.warning === 1 ? '' : 's'}`)
  if (counts.info > 0) parts.push(`${counts.info} info`)
  return parts.length > 0 ? parts.join(', ') : 'No problems found.'
}

/** `tool`: the names of tool calls and results; `arguments`: tool calls' arguments and ids, results' tool_call_id. */
export const searchFieldSchema = z.enum(['content', 'role', 'tool', 'name', 'arguments'])

export const searchQuerySchema = z.strictObject({
  /** Empty or absent: all open documents. */
  documentIds: z.array(z.string().min(1).max(200)).max(10_000).optional(),
  text: z.string().min(1).max(10_000),
  regex: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  fields: z.array(searchFieldSchema).max(5).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
})
export type SearchQuery = z.infer<typeof searchQuerySchema>

export const searchHitSchema = z.object({
  documentId: z.string(),
  index: z.number(),
  /** The message's id (MessageRow.id), so a hit still finds its message after edits move it. */
  messageId: messageIdSchema,
  field: searchFieldSchema,
  /** Text around the match, with the match at [matchStart, matchEnd). */
  snippet: z.string(),
  matchStart: z.number(),
  matchEnd: z.number(),
})
export type SearchHit = z.infer<typeof searchHitSchema>

export const searchResultSchema = z.object({
  total: z.number(),
  hits: z.array(searchHitSchema),
  truncated: z.boolean(),
  /**
   * Present when the search ran out of time: the results are partial, found in the first `searched` of `of`
   * messages.
   */
  stopped: z.object({ afterMs: z.number(), searched: z.number(), of: z.number() }).optional(),
})
export type SearchResult = z.infer<typeof searchResultSchema>

export const openResultSchema = z.object({
  documents: z.array(documentSummarySchema),
  /** Paths that could not be opened at all (missing, unreadable, outside the allowed folders). */
  failures: z.array(z.object({ path: z.string(), message: z.string() })),
})
export type OpenResult = z.infer<typeof openResultSchema>
