/**
 * Secret-looking strings: provider key formats, tokens, passwords. Every pattern is linear in the text length, so
 * a 10 MB tool output cannot hang the scan (V8's regexes backtrack, so this is by construction, and tested):
 * - each starts with a lookbehind for its own first character class, so it is tried once per run of such
 *   characters, not at every position inside a long run;
 * - consecutive parts use disjoint character classes (or a literal between them), so a failed attempt backs off
 *   over one run at most;
 * - every repetition is bounded (a run longer than any real key is no key), which also keeps V8's backtrack
 *   stack small on a 10 MB run;
 * - nothing is nested, and the private-key block's end is found by a forward search shared by every begin marker.
 */

export type SecretKind =
  | 'anthropic-key'
  | 'openai-key'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'github-token'
  | 'google-api-key'
  | 'slack-token'
  | 'stripe-key'
  | 'jwt'
  | 'private-key'
  | 'bearer-token'
  | 'url-password'
  | 'password'

export interface SecretMatch {
  kind: SecretKind
  /** UTF-16 offsets of the secret itself (for `Bearer x`, `user:x@`, `password=x`: only x). */
  start: number
  end: number
}

interface PatternSpec {
  kind: SecretKind
  /** Global regex; when it has a capture group, group 1 is the secret. */
  regex: RegExp
  /** Rejects matches that are placeholders, not secrets. */
  accept?: (secret: string) => boolean
}

const KEY = 'A-Za-z0-9_-'
/** Longest key-like run read: bounded so V8's backtracking stack stays small on a 10 MB run. */
const RUN = 512
const PLACEHOLDER = /^(?:null|none|nil|true|false|undefined|\*+|x+|\.+|\[redacted[^\]]*\]?)$/i
const notPlaceholder = (secret: string): boolean =>
  !PLACEHOLDER.test(secret) && !/^[$<{%[(]/.test(secret) && !secret.startsWith('[REDACTED')

/** In priority order: where two matches overlap, the earlier kind wins (a provider key over `api_key=`). */
const PATTERNS: readonly PatternSpec[] = [
  { kind: 'private-key', regex: /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----/g },
  { kind: 'anthropic-key', regex: new RegExp(`(?<![${KEY}])sk-ant-[${KEY}]{20,${RUN}}(?![${KEY}])`, 'g') },
  { kind: 'openai-key', regex: new RegExp(`(?<![${KEY}])sk-[${KEY}]{20,${RUN}}(?![${KEY}])`, 'g') },
  {
    kind: 'stripe-key',
    regex: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,256}(?![A-Za-z0-9])/g,
  },
  { kind: 'aws-access-key', regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  {
    kind: 'aws-secret-key',
    regex:
      /(?<![A-Za-z0-9_])aws_secret_access_key["']?[ \t]{0,8}[:=][ \t]{0,8}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
  },
  {
    kind: 'github-token',
    regex:
      /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
  },
  { kind: 'google-api-key', regex: new RegExp(`(?<![${KEY}])AIza[${KEY}]{35}(?![${KEY}])`, 'g') },
  { kind: 'slack-token', regex: /(?<![A-Za-z0-9-])xox[abposr]-[A-Za-z0-9-]{10,255}(?![A-Za-z0-9-])/g },
  {
    kind: 'jwt',
    regex: new RegExp(
      `(?<![.${KEY}])eyJ[${KEY}]{5,${RUN}}\\.eyJ[${KEY}]{5,${RUN}}\\.[${KEY}]{8,${RUN}}(?![${KEY}])`,
      'g',
    ),
  },
  {
    kind: 'bearer-token',
    regex: /(?<![A-Za-z0-9])bearer[ \t]{1,8}([A-Za-z0-9._~+/-]{16,2048}=*)/gi,
    accept: notPlaceholder,
  },
  {
    kind: 'url-password',
    regex: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@"'<>]{1,256}:([^\s/@"'<>]{1,256})@/gi,
    accept: notPlaceholder,
  },
  {
    kind: 'password',
    regex:
      /(?<![A-Za-z0-9_])(?:password|passwd|pwd|secret|client_secret|api[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token)["']?[ \t]{0,8}[:=][ \t]{0,8}["']?([^\s"'&,;)}\]]{4,256})/gi,
    accept: notPlaceholder,
  },
]

const PRIVATE_KEY_END = /-----END [A-Z ]{0,40}PRIVATE KEY-----/g

export const SECRET_KINDS: readonly SecretKind[] = PATTERNS.map((spec) => spec.kind)

/** Where a PEM private key block ends: at its END line, or (cut short) at the end of the text. */
function privateKeyEnds(text: string): (start: number) => number {
  let nextEnd = -1
  let nextEndStop = -1
  return (start) => {
    if (nextEnd !== Number.POSITIVE_INFINITY && nextEnd < start) {
      PRIVATE_KEY_END.lastIndex = start
      const match = PRIVATE_KEY_END.exec(text)
      nextEnd = match ? match.index : Number.POSITIVE_INFINITY
      nextEndStop = match ? match.index + match[0].length : text.length
    }
    return nextEnd === Number.POSITIVE_INFINITY ? text.length : nextEndStop
  }
}

/** Every secret-looking span in one string, without overlaps, in text order. */
export function findSecretsInText(text: string): SecretMatch[] {
  let kept: SecretMatch[] = []
  for (const spec of PATTERNS) {
    const endOfKey = spec.kind === 'private-key' ? privateKeyEnds(text) : null
    const found: SecretMatch[] = []
    let lastEnd = 0
    spec.regex.lastIndex = 0
    for (const match of text.matchAll(spec.regex)) {
      const secret = match[1] ?? match[0]
      if (spec.accept && !spec.accept(secret)) continue
      const start = match[1] === undefined ? match.index : match.index + match[0].lastIndexOf(secret)
      if (start < lastEnd) continue
      const end = endOfKey ? endOfKey(start) : start + secret.length
      found.push({ kind: spec.kind, start, end })
      lastEnd = end
    }
    if (found.length > 0) kept = mergeKept(kept, found)
  }
  return kept
}

/**
 * Merges two sorted, overlap-free lists; a match of `later` overlapping one of `kept` is dropped (the earlier
 * pattern wins). Linear, so a text with a million matches stays fast.
 */
function mergeKept(kept: readonly SecretMatch[], later: readonly SecretMatch[]): SecretMatch[] {
  const out: SecretMatch[] = []
  let k = 0
  for (const match of later) {
    while (k < kept.length && kept[k].end <= match.start) out.push(kept[k++])
    const overlapsNext = k < kept.length && kept[k].start < match.end
    const overlapsPrevious = out.length > 0 && out[out.length - 1].end > match.start
    if (!overlapsNext && !overlapsPrevious) out.push(match)
  }
  while (k < kept.length) out.push(kept[k++])
  return out
}

export const redactionMarker = (kind: SecretKind): string => `[REDACTED:${kind}]`

/** The text with every secret replaced by its marker. */
export function redactText(text: string, matches: readonly SecretMatch[]): string {
  let out = ''
  let at = 0
  for (const match of matches) {
    out += text.slice(at, match.start) + redactionMarker(match.kind)
    at = match.end
  }
  return out + text.slice(at)
}

/**
 * `text.slice(from, to)` for display, with secrets redacted: a secret crossing the edges is found in a wider
 * slice and the window grows to replace it whole, so no part of it is shown.
 */
export function redactedSlice(text: string, from: number, to: number): string {
  const margin = 512
  const base = Math.max(0, from - margin)
  const wide = text.slice(base, Math.min(text.length, to + margin))
  let start = from - base
  let end = to - base
  const inside = findSecretsInText(wide).filter((m) => m.end > start && m.start < end)
  if (inside.length === 0) return wide.slice(start, end)
  start = Math.min(start, inside[0].start)
  end = Math.max(end, inside[inside.length - 1].end)
  return redactText(
    wide.slice(start, end),
    inside.map((m) => ({ ...m, start: m.start - start, end: m.end - start })),
  )
}

/** A short text for display with every secret in it redacted. */
export const redactedShort = (text: string): string => redactedSlice(text, 0, text.length)
