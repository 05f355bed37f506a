/**
 * How the store index reads text and queries. Text is folded to one case and split into words (runs of letters,
 * marks, digits and `_`, so `call_wx_berlin` is one word); a query becomes the word fragments every match must
 * contain, each with whether it must start or end a word. A fragment bounded on both sides is a whole word; the
 * others match words that start with, end with or contain them, so a plain query finds what a substring search of
 * the text finds.
 */

const WORD = /[\p{L}\p{M}\p{N}_]+/gu

/**
 * One case for index and query. Upper then lower comes closer to a case-insensitive match than lower alone (`ς`
 * and `σ` both match `Σ`), and final sigma is folded by hand because `toLowerCase` writes it by context.
 */
export function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase().replace(/ς/g, 'σ')
}

/** The folded words of `text`. */
export function wordsOf(text: string): string[] {
  return foldCase(text).match(WORD) ?? []
}

/** A word fragment every match contains; `start`/`end`: the fragment starts/ends a word. */
export interface Fragment {
  text: string
  start: boolean
  end: boolean
}

export interface QueryPlan {
  fragments: Fragment[]
  /**
   * The candidates are exactly the matching messages: a plain, case-insensitive query that is one run of word
   * characters (each message containing such a word contains the query, and the other way round).
   */
  exact: boolean
}

/** The fragments of one literal run: a word piece is bounded where the run has a non-word character beside it. */
function fragmentsOfLiteral(literal: string): Fragment[] {
  const folded = foldCase(literal)
  const fragments: Fragment[] = []
  for (const match of folded.matchAll(WORD)) {
    const at = match.index
    fragments.push({ text: match[0], start: at > 0, end: at + match[0].length < folded.length })
  }
  return fragments
}

/**
 * A query looks up at most this many fragments (the longest, usually the rarest): each costs a pass over the
 * index, and the candidates of fewer fragments are still a superset of the matches.
 */
export const MAX_FRAGMENTS = 8

function fewest(fragments: Fragment[]): Fragment[] {
  const seen = new Set<string>()
  const distinct = fragments.filter((f) => {
    const key = `${f.start ? '^' : ''}${f.text}${f.end ? '$' : ''}`
    return !seen.has(key) && seen.add(key)
  })
  return distinct.length <= MAX_FRAGMENTS
    ? distinct
    : distinct.sort((a, b) => b.text.length - a.text.length).slice(0, MAX_FRAGMENTS)
}

/** The plan of a plain or regex query; null when it has no word the index can use (a bounded scan answers). */
export function planQuery(query: {
  text: string
  regex?: boolean
  caseSensitive?: boolean
}): QueryPlan | null {
  if (!query.regex) {
    const fragments = fewest(fragmentsOfLiteral(query.text))
    if (fragments.length === 0) return null
    const oneWord = fragments.length === 1 && !fragments[0].start && !fragments[0].end && !query.caseSensitive
    // A query that folding changes in length (ß → ss) matches differently from the case-insensitive matcher.
    return { fragments, exact: oneWord && foldCase(query.text) === query.text.toLowerCase() }
  }
  const fragments = fewest(requiredLiterals(query.text).flatMap(fragmentsOfLiteral))
  return fragments.length === 0 ? null : { fragments, exact: false }
}

const QUANTIFIER = /^(?:[*?+]|\{\d*(?:,\d*)?\})/
/** Escapes of letters and digits are classes, anchors or code points: never taken as literal characters. */
const ESCAPED_LITERAL = /[^\p{L}\p{N}]/u

/** Index past the escape at `from` (`\x41`, `\u{1F600}`, `\p{L}`, `\k<name>` are one escape each). */
function escapeEnd(source: string, from: number): number {
  const rest = source.slice(from + 1)
  const long = /^(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[xupP]\{[^}]*\}|[pP].|c.|k<[^>]*>|0[0-7]{0,2})/.exec(rest)
  return from + 1 + (long?.[0].length ?? Math.min(1, rest.length))
}

/** Index past the `)` that closes the group opening at `from`, or past the `]` closing a class. */
function skipBracketed(source: string, from: number): number {
  let depth = 0
  let inClass = false
  for (let i = from; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') {
      i++
    } else if (inClass) {
      if (c === ']') {
        inClass = false
        if (depth === 0) return i + 1
      }
    } else if (c === '[') {
      inClass = true
      if (source[i + 1] === '^') i++
      if (source[i + 1] === ']') i++
    } else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i + 1
  }
  return source.length
}

/**
 * The literal runs every match of a regular expression contains, read conservatively: groups, classes, escapes
 * of letters and anything quantified end a run; a top-level `|` means there is no run every match must contain.
 */
export function requiredLiterals(source: string): string[] {
  const runs: string[] = []
  let run = ''
  const flush = (): void => {
    if (run !== '') runs.push(run)
    run = ''
  }
  let i = 0
  while (i < source.length) {
    const c = source[i]
    let literal: string | null = null
    let next = i + 1
    if (c === '|') return []
    if (c === '(' || c === '[') next = skipBracketed(source, i)
    else if (c === '\\') {
      const escaped = source[i + 1] ?? ''
      next = escapeEnd(source, i)
      if (escaped !== '' && ESCAPED_LITERAL.test(escaped)) literal = escaped
    } else if (!'.^$*+?{}'.includes(c) || (c === '{' && !QUANTIFIER.test(source.slice(i)))) literal = c
    const quantifier = QUANTIFIER.exec(source.slice(next))?.[0]
    if (quantifier !== undefined) {
      next += quantifier.length
      if (source[next] === '?') next++ // lazy
      // `x+` and `x{2}` still need one x; `x?`, `x*` and `x{0,3}` need none.
      const required = quantifier === '+' || /^\{[1-9]/.test(quantifier)
      if (literal !== null && required) run += literal
      flush()
    } else if (literal !== null) run += literal
    else flush()
    i = next
  }
  flush()
  return runs
}
