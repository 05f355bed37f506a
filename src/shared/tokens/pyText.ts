/** Python `str` semantics that differ from JavaScript's UTF-16 strings. */

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

const HAS_SURROGATE = /[\ud800-\udfff]/

/**
 * Python `len(s)`: code points, so an astral character (a surrogate pair here) counts 1 and so does a lone
 * surrogate.
 */
export function pyLen(text: string): number {
  // Most text has no surrogates at all, and then code units are code points; the regex scan is native.
  if (!HAS_SURROGATE.test(text)) return text.length
  let length = 0
  for (let i = 0; i < text.length; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1)))
      i++
    length++
  }
  return length
}

// Python's str.isspace(): bidirectional class WS/B/S or category Zs. JS's \s differs (it has U+FEFF, lacks
// U+001C..U+001F and U+0085), so the set is spelled out, once, for every place that needs Python's whitespace.
const PY_WHITESPACE_CLASS =
  '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]'

/** One run of Python whitespace: what `str.split()` splits on. */
export const PY_WHITESPACE_RUN = new RegExp(`${PY_WHITESPACE_CLASS}+`)
const PY_BLANK = new RegExp(`^${PY_WHITESPACE_CLASS}*$`)
const PY_WHITESPACE_CHAR = new RegExp(`^${PY_WHITESPACE_CLASS}$`)

/** The highest code unit in the class (U+3000, ideographic space). */
export const LAST_PY_WHITESPACE = 0x3000
let whitespaceTable: Uint8Array | undefined

/** 1 for each code unit up to LAST_PY_WHITESPACE that is Python whitespace, read off the class above. */
function pyWhitespaceTable(): Uint8Array {
  if (!whitespaceTable) {
    const table = new Uint8Array(LAST_PY_WHITESPACE + 1)
    for (let unit = 0; unit <= LAST_PY_WHITESPACE; unit++)
      table[unit] = PY_WHITESPACE_CHAR.test(String.fromCharCode(unit)) ? 1 : 0
    whitespaceTable = table
  }
  return whitespaceTable
}

/** Python `len(s.split())`: the runs of non-whitespace, counted in one pass without building the words. */
export function pyWordCount(text: string): number {
  const table = pyWhitespaceTable()
  let words = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const space = unit <= LAST_PY_WHITESPACE && table[unit] === 1
    if (!space && !inWord) words++
    inWord = !space
  }
  return words
}

/** Python `s.strip() == ""`: empty or made only of (Python) whitespace. */
export function isPyBlank(text: string): boolean {
  return PY_BLANK.test(text)
}
