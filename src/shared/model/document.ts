/**
 * What the renderer sees of an open memory file. Main owns the file; the renderer asks for summaries, windows of
 * rows and single messages, never for the whole file.
 */

export type DocumentStatus = 'ok' | 'error'

/** Where a problem is in a file; `path` is a JSON path such as `$.messages[3].tool_calls[0].function.arguments`. */
export interface Diagnostic {
  message: string
  /** JSON path, e.g. `$.messages[3].tool_calls[0].function.arguments`. */
  path: string
  line?: number
  column?: number
  messageIndex?: number
  /** For syntax errors: the text around the problem with a caret under it. */
  context?: string
}

/**
 * An open conversation, whatever its source: a MARSYS memory file or a session of the store. The app calls both
 * "documents"; they open in tabs and share every view.
 */
export interface DocumentSummary {
  id: string
  source: 'file' | 'session'
  /** The file's path, or `<store path>#<session id>`. */
  path: string
  /** The file name, or the session id. */
  name: string
  /** The store's session id (null for files). */
  sessionId: string | null
  /** `conversation_history`, `managed_conversation`, `kg`, or whatever the file says (null when absent). */
  memoryType: string | null
  status: DocumentStatus
  messageCount: number
  /** True while main is still indexing the file in the background (counts below are partial). */
  indexing: boolean
  /** MARSYS's own estimate (DefaultTokenCounter), the number it uses to decide compaction. */
  marsysTokens: number
  roles: Record<string, number>
  toolCalls: number
  unansweredToolCalls: number
  orphanToolResults: number
  bytes: number
  modifiedMs: number
  /** Whether the source's loader accepts it as it stands: MARSYS's loader for files, the store's rules for sessions. */
  marsysLoadable: boolean
  errorCount: number
  warningCount: number
  revision: number
  dirty: boolean
}

/** A file that could not be parsed: where, what was expected, the surrounding text and MARSYS's verdict. */
export interface DocumentErrorView {
  id: string
  path: string
  message: string
  line: number
  column: number
  expected?: string
  /** A few lines around the error, with their 1-based numbers. */
  context: { line: number; text: string }[]
  marsysVerdict: string
}

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

export type MessageFlag = (typeof MESSAGE_FLAGS)[number]

export interface MessageRow {
  /** The message's identity while the document is open: it survives edits, inserts, deletes and moves. */
  id: number
  index: number
  role: string
  name: string | null
  /** The first ~200 characters of the content's text, one line. */
  preview: string
  tokens: number
  toolCallNames: string[]
  toolCallId: string | null
  flags: MessageFlag[]
}

export const ROW_SORT_COLUMNS = ['index', 'role', 'name', 'tokens', 'flags'] as const
export type RowSortColumn = (typeof ROW_SORT_COLUMNS)[number]

export interface RowQuery {
  offset: number
  limit: number
  sort?: { column: RowSortColumn; descending: boolean }
  filter?: { roles?: string[]; text?: string; flaggedOnly?: boolean }
}

export interface RowWindow {
  /** Rows matching the filter, in total (the virtualised table's length). */
  total: number
  offset: number
  rows: MessageRow[]
}

/** A part of a typed-array content, or the whole content when it is a string. */
export type ContentPart =
  | { kind: 'text'; text: string; partIndex: number | null }
  | { kind: 'image'; partIndex: number; mime: string; bytes: number; isDataUrl: boolean; url?: string }
  | { kind: 'json'; value: unknown; partIndex: number | null }

export interface ToolCallView {
  id: string
  type: string
  name: string
  arguments: string
  /** The arguments parsed, when they are valid JSON. */
  parsedArguments?: unknown
  /** Index of the tool message answering this call, or null when unanswered. */
  resultIndex: number | null
  /** The `invoke_agent` convention: this call hands the turn to another agent. */
  handoffTo?: string
}

export interface MessageDetail {
  /** As in MessageRow. */
  id: number
  index: number
  role: string
  name: string | null
  tokens: number
  flags: MessageFlag[]
  /** How the content is shaped in the file. */
  contentShape: 'string' | 'json-string' | 'array' | 'null' | 'other'
  parts: ContentPart[]
  /** For dict-as-JSON-string contents: the parsed value, pretty-printable. */
  parsedContent?: unknown
  toolCalls: ToolCallView[]
  toolCallId: string | null
  /** For a tool result: the index of the assistant message whose call it answers (null: orphan). */
  answersIndex: number | null
  reasoningDetails: unknown[] | null
  /** Keys the app does not interpret, shown as they are. */
  otherKeys: Record<string, unknown>
  /** The message exactly as its bytes are in the file. */
  raw: string
  diagnostics: Diagnostic[]
}

export interface KgFactRow {
  index: number
  role: string
  subject: string
  predicate: string
  object: string
  ambiguous: boolean
  text: string
}

export interface PlanItemView {
  id: string
  title: string
  status: string
  content?: string
  priority?: unknown
}

export interface AdditionalStateView {
  present: boolean
  value: unknown
  /**
   * The value as JSON text for editing, losslessly: number spellings (`5.0`), NaN and Infinity, key order — which
   * `value` cannot carry once it has crossed JSON. Null when absent.
   */
  raw: string | null
  /** A MARSYS planning plan found in `additional_state.planning.plan`. */
  plan: { goal: string | null; items: PlanItemView[] } | null
}

export type LintKind = Exclude<MessageFlag, 'not-an-object'> | 'not-an-object' | 'file'

export interface LintIssue {
  kind: LintKind
  severity: 'error' | 'warning' | 'info'
  message: string
  messageIndex: number | null
  path: string
}

export interface SearchQuery {
  /** Empty or absent: all open documents. */
  documentIds?: string[]
  text: string
  regex?: boolean
  caseSensitive?: boolean
  fields?: ('content' | 'role' | 'tool' | 'name')[]
  limit?: number
}

export interface SearchHit {
  documentId: string
  index: number
  /** The message's id (MessageRow.id), so a hit still finds its message after edits move it. */
  messageId: number
  field: 'content' | 'role' | 'tool' | 'name'
  /** Text around the match, with the match at [matchStart, matchEnd). */
  snippet: string
  matchStart: number
  matchEnd: number
}

export interface SearchResult {
  total: number
  hits: SearchHit[]
  truncated: boolean
}

export interface OpenResult {
  documents: DocumentSummary[]
  /** Paths that could not be opened at all (missing, unreadable, outside the allowed folders). */
  failures: { path: string; message: string }[]
}
