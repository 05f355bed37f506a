/**
 * Errors and refusals in message text, and tool results that look like failures. Heuristics on the text's start
 * and on well-known phrases; every regex is linear (no nested or adjacent overlapping quantifiers), and only the
 * first SCAN_CHARS of a text are read, so a huge tool output costs no more than a small one.
 */
import { isPlain } from './messageView'
import { redactedSlice } from './secretPatterns'

export type ContentSignalKind = 'error' | 'refusal'

export interface ContentSignal {
  kind: ContentSignalKind
  /** Which rule matched, e.g. `traceback`, `rate-limit`, `cannot-help`. */
  rule: string
  /** The matched words with a little context, one line, at most EXCERPT_CHARS. */
  excerpt: string
}

const SCAN_CHARS = 4000
const EXCERPT_CHARS = 120

const ERROR_RULES: readonly [string, RegExp][] = [
  ['traceback', /Traceback \(most recent call last\)/],
  ['exception', /(?:^|\n)[ \t]*[A-Z][A-Za-z]{0,60}(?:Error|Exception):/],
  ['error-prefix', /(?:^|\n)[ \t]*(?:\[(?:error|fatal)\]|(?:error|fatal|failed|failure)[ \t]*:)/i],
  ['rate-limit', /\brate[ -]limit(?:ed)?\b|\b429\b.{0,40}too many requests/i],
  [
    'context-length',
    /\b(?:maximum context length|context[_ ]length[_ ]exceeded|context window (?:is )?exceeded)\b/i,
  ],
  ['http-error', /\b(?:HTTP|status(?: code)?)[ :]{0,3}(?:4\d\d|5\d\d)\b/i],
  ['timeout', /\b(?:timed out|timeout error|deadline exceeded)\b/i],
  ['not-found', /\b(?:no such file or directory|command not found|module not found)\b/i],
  ['permission', /\bpermission denied\b/i],
]

const REFUSAL_RULES: readonly [string, RegExp][] = [
  [
    'cannot-help',
    /\bI(?:'m| am)? (?:sorry, (?:but )?I )?(?:can(?:'|no)t|cannot|am unable to|'m unable to|won't|will not) (?:help|assist|comply|do that|provide|fulfil+)\b/i,
  ],
  ['unable', /\bI(?:'m| am) (?:not able|unable) to (?:help|assist|comply|provide|do that)\b/i],
  ['as-an-ai', /\bAs an AI(?: language model)?\b/i],
  [
    'against-policy',
    /\b(?:against|violates?) (?:my|our|the) (?:guidelines|policy|policies|usage policies)\b/i,
  ],
]

function excerptAround(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 20)
  const raw = redactedSlice(text, from, Math.min(text.length, index + length + 60))
    .replace(/\s+/g, ' ')
    .trim()
  const clipped = raw.length > EXCERPT_CHARS ? `${raw.slice(0, EXCERPT_CHARS - 1)}…` : raw
  return (from > 0 ? '…' : '') + clipped
}

function firstMatch(
  text: string,
  rules: readonly [string, RegExp][],
  kind: ContentSignalKind,
): ContentSignal | null {
  for (const [rule, regex] of rules) {
    const match = regex.exec(text)
    if (match) return { kind, rule, excerpt: excerptAround(text, match.index, match[0].length) }
  }
  return null
}

/** The first error-looking and the first refusal-looking passage of a text (at most one of each). */
export function contentSignals(text: string): ContentSignal[] {
  const head = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text
  const out: ContentSignal[] = []
  const error = firstMatch(head, ERROR_RULES, 'error')
  if (error) out.push(error)
  const refusal = firstMatch(head, REFUSAL_RULES, 'refusal')
  if (refusal) out.push(refusal)
  return out
}

const FAILED_STATUS = new Set(['error', 'failed', 'failure', 'fail'])

/** A tool result's JSON saying it failed: `{"error": …}` (not null/false/empty), `{"success": false}`, `{"status": "error"}`. */
function jsonFailure(text: string): string | null {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('{') || text.length > 1_000_000) return null
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (!isPlain(value)) return null
  const error = value.error ?? value.errors
  if (
    error !== undefined &&
    error !== null &&
    error !== false &&
    error !== '' &&
    !(Array.isArray(error) && error.length === 0)
  )
    return 'json-error-field'
  if (value.success === false || value.ok === false) return 'json-success-false'
  if (typeof value.status === 'string' && FAILED_STATUS.has(value.status.toLowerCase()))
    return 'json-status-error'
  return null
}

/** Why a tool result looks like a failure, or null. */
export function toolFailure(text: string, flaggedError: boolean): ContentSignal | null {
  if (flaggedError) return { kind: 'error', rule: 'is-error-flag', excerpt: excerptAround(text, 0, 0) }
  const json = jsonFailure(text)
  if (json) return { kind: 'error', rule: json, excerpt: excerptAround(text, 0, 0) }
  const head = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text
  return firstMatch(head, ERROR_RULES, 'error')
}
