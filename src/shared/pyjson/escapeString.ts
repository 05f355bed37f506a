const HEX = '0123456789abcdef'

const hex4 = (c: number): string =>
  '\\u' + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15]

/** Escapes for code units below 0x80, as Python's encoder writes them (short forms where it has them). */
const ASCII_ESCAPES: string[] = Array.from({ length: 0x80 }, (_, c) => {
  switch (c) {
    case 0x22:
      return '\\"'
    case 0x5c:
      return '\\\\'
    case 0x0a:
      return '\\n'
    case 0x0d:
      return '\\r'
    case 0x09:
      return '\\t'
    case 0x08:
      return '\\b'
    case 0x0c:
      return '\\f'
    default:
      return c < 0x20 || c === 0x7f ? hex4(c) : String.fromCharCode(c)
  }
})

/**
 * A string literal exactly as CPython's `json` writes it. With `ensureAscii` every code unit outside 0x20..0x7E is
 * a lowercase `\uXXXX` escape; since JS strings are UTF-16, astral characters come out as surrogate pairs and a lone
 * surrogate as a single escape, which is what Python does too. Without it only `"`, `\` and controls are escaped.
 */
export function quotePyString(s: string, ensureAscii: boolean): string {
  const n = s.length
  let i = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x22 || c === 0x5c || (ensureAscii && c > 0x7e)) break
  }
  if (i === n) return '"' + s + '"'

  let out = '"' + s.slice(0, i)
  let runStart = i
  for (; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && (c <= 0x7e || !ensureAscii)) continue
    if (i > runStart) out += s.slice(runStart, i)
    out += c < 0x80 ? ASCII_ESCAPES[c] : hex4(c)
    runStart = i + 1
  }
  if (runStart < n) out += s.slice(runStart)
  return out + '"'
}
