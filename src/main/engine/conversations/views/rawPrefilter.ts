import type { SearchQuery } from '../../../../shared/model/document'

/**
 * A test on a message's raw JSON bytes that says "cannot match" for most messages of a plain-text search without
 * decoding them. It may say "may match" wrongly (the message is then decoded and searched as always), never the
 * reverse, so search results stay exactly those of searching every decoded message.
 *
 * The needle is the query's longest run of ASCII letters, digits and `_`. Wherever the query occurs in a searched
 * text, the needle occurs there too, and those characters reach the text from the raw bytes unchanged (JSON
 * writes them literally), unless:
 * - the message spells one with a `\u00XX` escape (any escape of an ASCII or control character is taken as one);
 * - a non-string value is re-serialised with `JSON.stringify`, which writes an uppercase-hex lone surrogate escape
 *   in lowercase, numbers in JavaScript's form (`1e2` → `100`, `0.0000001` → `1e-7`, long ones rounded) and
 *   `NaN`/`Infinity` as `null`; those messages are decoded when the needle could be made of such characters.
 * Raw control characters cannot occur inside strings (the codec refuses them, as Python does). Case-insensitive
 * plain search (a non-Unicode `i` regular expression) never folds a non-ASCII character to an ASCII one, so the
 * bytes may be compared in Latin-1 with the same flag.
 */
export interface RawPrefilter {
  /** False only when the message whose raw bytes these are cannot match. */
  mayMatch(raw: Buffer): boolean
}

const NEEDLE_RUN = /[A-Za-z0-9_]+/g
const ESCAPE_START = Buffer.from('\\u', 'latin1')
/** `\u00XX` (ASCII and control characters), and lone-surrogate escapes with uppercase hex. */
const UNSAFE_ESCAPE = /\\u00[0-7]|\\u(?=[dD][89abAB])[0-9a-f]{0,3}[A-F]/
/** Numbers `JSON.stringify` may write differently, and the non-JSON constants it writes as `null`. */
const REWRITTEN_NUMBER = /NaN|Infinity|[0-9][eE]|[0-9.]{7}/
/** Needles that could lie inside a re-serialised number (`1e-7`) or constant (`null`, `NaN`, `Infinity`). */
const NUMBER_LIKE = /^(?:[0-9e]+|[nulaifty]+)$/

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The prefilter for a query, or null when it has none (a regular expression, or no letter or digit in it). */
export function rawPrefilterFor(
  query: Pick<SearchQuery, 'text' | 'regex' | 'caseSensitive'>,
): RawPrefilter | null {
  if (query.regex) return null
  const needle = (query.text.match(NEEDLE_RUN) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '')
  if (needle === '') return null
  const caseSensitive = query.caseSensitive === true
  // Native byte searches first (no string made): the needle as typed, and in lower and upper case.
  const spellings = [
    ...new Set(caseSensitive ? [needle] : [needle, needle.toLowerCase(), needle.toUpperCase()]),
  ].map((spelling) => Buffer.from(spelling, 'latin1'))
  const anyCase = new RegExp(escapeRegExp(needle), 'i')
  const numberLike = NUMBER_LIKE.test(needle.toLowerCase())
  return {
    mayMatch(raw) {
      if (spellings.some((spelling) => raw.indexOf(spelling) >= 0)) return true
      let latin1: string | undefined
      const text = (): string => (latin1 ??= raw.toString('latin1'))
      return (
        (!caseSensitive && anyCase.test(text())) ||
        (raw.indexOf(ESCAPE_START) >= 0 && UNSAFE_ESCAPE.test(text())) ||
        (numberLike && REWRITTEN_NUMBER.test(text()))
      )
    },
  }
}
