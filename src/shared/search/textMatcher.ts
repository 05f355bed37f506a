import { RE2JS } from 're2js'

/**
 * The one matcher search (main) and highlighting (renderer) share. A user's regular expression runs on RE2
 * (linear time in the text, whatever the pattern: `(a|aa)+$` or `^(a+)+$` cannot freeze the app); plain text runs
 * on the native engine, where an escaped literal cannot backtrack and is many times faster.
 */

export interface TextQuery {
  text: string
  regex?: boolean
  caseSensitive?: boolean
}

/** A match at [start, end) in UTF-16 code units, as `String.prototype.slice` counts. */
export interface TextMatch {
  start: number
  end: number
}

export interface TextMatcher {
  /** The first match in `text`, or null. */
  first(text: string): TextMatch | null
  /** The non-empty matches in `text`, left to right, at most `max` of them. */
  all(text: string, max: number): TextMatch[]
}

/** A pattern the matcher refuses, with a message that says why and what to write instead. */
export class PatternSyntaxError extends Error {
  override name = 'PatternSyntaxError'
}

/** What RE2 cannot do in linear time: named here so the user learns why, not just "invalid escape". */
const UNSUPPORTED: { test: RegExp; what: string }[] = [
  { test: /\\[1-9]/, what: 'backreferences (\\1 … \\9)' },
  { test: /\\k</, what: 'named backreferences (\\k<name>)' },
  { test: /\(\?[=!]/, what: 'lookahead ((?=…) and (?!…))' },
]

function unsupportedPart(source: string): string | null {
  // Escaped backslashes (`\\1` is a backslash then "1") are not escapes of what follows.
  const unescaped = source.replace(/\\\\/g, '')
  return UNSUPPORTED.find((rule) => rule.test.test(unescaped))?.what ?? null
}

function compileRe2(query: TextQuery): RE2JS {
  const unsupported = unsupportedPart(query.text)
  if (unsupported) {
    throw new PatternSyntaxError(
      `Invalid regular expression: ${unsupported} are not supported. Search runs regular expressions in linear ` +
        'time (RE2 syntax) so that no pattern can freeze the app.',
    )
  }
  const flags = RE2JS.LOOKBEHINDS | (query.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE)
  try {
    return RE2JS.compile(RE2JS.translateRegExp(query.text), flags)
  } catch (error) {
    const detail = (error as Error).message.replace(/^error parsing regexp: /, '')
    throw new PatternSyntaxError(`Invalid regular expression: ${detail} (RE2 syntax)`)
  }
}

function re2Matcher(pattern: RE2JS): TextMatcher {
  return {
    first(text) {
      // `test` runs on RE2's DFA and is much faster than `exec`, which only runs where there is a match.
      if (!pattern.test(text)) return null
      const match = pattern.exec(text) as RegExpExecArray | null
      return match ? { start: match.index, end: match.index + match[0].length } : null
    },
    all(text, max) {
      const matches: TextMatch[] = []
      if (max <= 0 || !pattern.test(text)) return matches
      for (const match of pattern.matchAll(text)) {
        if (match[0] === '') continue
        const start = match.index ?? 0
        matches.push({ start, end: start + match[0].length })
        if (matches.length >= max) break
      }
      return matches
    },
  }
}

function literalMatcher(query: TextQuery): TextMatcher {
  const source = query.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(source, query.caseSensitive ? 'g' : 'gi')
  const run = (text: string, max: number): TextMatch[] => {
    const matches: TextMatch[] = []
    pattern.lastIndex = 0
    for (let match = pattern.exec(text); match && matches.length < max; match = pattern.exec(text))
      matches.push({ start: match.index, end: match.index + match[0].length })
    return matches
  }
  return {
    first: (text) => run(text, 1)[0] ?? null,
    all: (text, max) => (max > 0 ? run(text, max) : []),
  }
}

/** Builds the matcher for a search; throws PatternSyntaxError (saying why) for a pattern it refuses. */
export function buildTextMatcher(query: TextQuery): TextMatcher {
  if (query.text === '') throw new PatternSyntaxError('Nothing to search for')
  return query.regex ? re2Matcher(compileRe2(query)) : literalMatcher(query)
}
