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
// U+001C..U+001F and U+0085), so the set is spelled out.
const PY_WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
  0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
])

/** Python `s.strip() == ""`: empty or made only of (Python) whitespace. */
export function isPyBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!PY_WHITESPACE.has(text.charCodeAt(i))) return false
  }
  return true
}
