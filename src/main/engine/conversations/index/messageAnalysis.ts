import { isRecord, messageFacts, messageTextLength, previewOf, toolCallsOf } from './messageFacts'

export type CountTokens = (message: unknown) => number

/** Everything the document index needs from one message; cached per message so edits re-read only what changed. */
export interface MessageAnalysis {
  isObject: boolean
  role: string
  name: string | null
  tokens: number
  callIds: string[]
  toolCallId: string | null
  empty: boolean
  /** The system message's content as a comparable key (duplicate system prompts), else null. */
  systemKey: string | null
  /** MARSYS's loader would refuse this message (no role, bad tool_calls, bad images). */
  marsysUnloadable: boolean
  /** What MARSYS's loader rules say about this message, paths relative to the file (`$.messages[i]…`). */
  problems: MessageProblemView[]
  /** A large message's row, kept so a table page never decodes it again (null: small, built when shown). */
  row: RowFacts | null
}

/** What a table row shows of a message beyond the index's facts. */
export interface RowFacts {
  preview: string
  toolCallNames: string[]
  toolCallId: string | null
}

/** Messages with more text than this keep their row facts: decoding one again for each table page is slow. */
export const LARGE_MESSAGE_CHARS = 64 * 1024

export function rowFactsOf(plain: unknown): RowFacts {
  const record = isRecord(plain) ? plain : null
  return {
    preview: previewOf(plain),
    toolCallNames: record ? toolCallsOf(record).map((call) => call.name) : [],
    toolCallId: typeof record?.tool_call_id === 'string' ? record.tool_call_id : null,
  }
}

export interface MessageProblemView {
  severity: 'error' | 'warning'
  message: string
  /** Path inside the message, e.g. `.tool_calls[0].function.arguments`. */
  subPath: string
}

// Most messages have no tool calls and no problems: they share these (never mutated) instead of holding two empty
// arrays each, a few MB of the index at 100,000 messages.
export const NO_CALL_IDS: string[] = Object.freeze([]) as unknown as string[]
export const NO_PROBLEMS: MessageProblemView[] = Object.freeze([]) as unknown as MessageProblemView[]

export function analyzeMessage(
  plain: unknown,
  countTokens: CountTokens,
  problems: MessageProblemView[] = [],
): MessageAnalysis {
  const facts = messageFacts(plain)
  const content = facts.isObject ? (plain as Record<string, unknown>).content : undefined
  return {
    isObject: facts.isObject,
    role: facts.role,
    name: facts.name,
    tokens: facts.isObject ? countTokens(plain) : 0,
    callIds: facts.toolCalls.length === 0 ? NO_CALL_IDS : facts.toolCalls.map((call) => call.id),
    toolCallId: facts.toolCallId,
    empty: facts.isObject && facts.empty,
    systemKey: facts.role === 'system' && facts.isObject ? JSON.stringify(content ?? null) : null,
    marsysUnloadable: problems.some((problem) => problem.severity === 'error'),
    problems: problems.length === 0 ? NO_PROBLEMS : problems,
    row: messageTextLength(plain) > LARGE_MESSAGE_CHARS ? rowFactsOf(plain) : null,
  }
}
