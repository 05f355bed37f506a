/**
 * Validating skippers over the raw bytes of a JSON document, with Python's `json` grammar (strict strings, plus
 * `NaN` / `Infinity` / `-Infinity`). They decode nothing; they return the offset just past what they skipped and
 * throw SyntaxFailure (an offset plus what was expected there) on the first error.
 */

export class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(`expected ${expected} at byte ${offset}`)
  }
}

/** Facts about string contents gathered while skipping, needed by the MARSYS verdict. */
export interface ByteStats {
  /** Some string holds raw (unescaped) non-ASCII text: MARSYS reads it only under a UTF-8 locale. */
  rawNonAscii: boolean
  /** Offset of the first byte sequence that is not valid UTF-8, or -1. */
  invalidUtf8At: number
  /**
   * Python `len()` of the last string skipped, counted during the scan: an escape is one code point, a
   * `\uD8xx\uDCxx` pair one, a UTF-8 sequence one (an invalid byte counts one; check `invalidUtf8At`).
   */
  stringCodePoints: number
  /** Deepest stack of open non-empty containers met inside one skipped value (a cheap hint for the depth check). */
  maxDepth: number
  /** The memory under the scanned bytes as 32-bit words (made on first use), and those bytes. */
  words?: Uint32Array
  wordsOf?: Uint8Array
}

export const newByteStats = (): ByteStats => ({
  rawNonAscii: false,
  invalidUtf8At: -1,
  stringCodePoints: 0,
  maxDepth: 0,
  words: undefined,
  wordsOf: undefined,
})

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a

export const EXPECTED_VALUE = 'a value'
export const EXPECTED_KEY = 'a key in double quotes'
export const EXPECTED_OBJECT_NEXT = "',' or '}'"
export const EXPECTED_ARRAY_NEXT = "',' or ']'"

export function skipWhitespace(b: Uint8Array, p: number): number {
  for (;;) {
    const c = b[p]
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++
    else return p
  }
}

/** 1 for the bytes a string's scan must look at (quote, backslash, control, non-ASCII); 0 for the others. */
const STRING_STOP = new Uint8Array(256)
for (let c = 0; c < 0x20; c++) STRING_STOP[c] = 1
for (let c = 0x80; c < 0x100; c++) STRING_STOP[c] = 1
STRING_STOP[QUOTE] = 1
STRING_STOP[BACKSLASH] = 1

/**
 * The bytes under `b` read four at a time (on little-endian hosts only: the first byte of a word is its lowest).
 * Kept with the scan's stats, which live as long as the scan's file.
 */
function words(b: Uint8Array, stats: ByteStats): Uint32Array {
  if (stats.wordsOf !== b || !stats.words) {
    stats.wordsOf = b
    stats.words = new Uint32Array(b.buffer, 0, b.buffer.byteLength >>> 2)
  }
  return stats.words
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * The high bit of each byte of the word `x` that may stop a string's scan: exact for the lowest such byte (a
 * quote, backslash, control or non-ASCII byte); above it a borrow may mark an ordinary byte, which the caller's
 * byte-wise check passes over.
 */
function stopBits(x: number): number {
  const quote = x ^ 0x22222222
  const backslash = x ^ 0x5c5c5c5c
  // A byte below 0x20 or a zero byte borrows into its high bit; `| x` marks the non-ASCII bytes, which makes the
  // borrow tests exact for the ASCII ones.
  return ((x - 0x20202020) | x | (quote - 0x01010101) | (backslash - 0x01010101)) & 0x80808080
}

/** Bytes of a string looked at one at a time before its words are. */
const SHORT_STRING = 16

/** `p` is at the opening quote. */
export function skipString(b: Uint8Array, p: number, stats: ByteStats): number {
  const n = b.length
  const open = p
  p++
  // Keys and short values (roles, ids) end within a few bytes: looked at one by one, before the word setup.
  const near = p + SHORT_STRING < n ? p + SHORT_STRING : n
  while (p < near && STRING_STOP[b[p]] === 0) p++
  if (p < near && b[p] === QUOTE) {
    stats.stringCodePoints = p - open - 1
    return p + 1
  }
  // Bytes beyond one per code point, so the ASCII loop pays nothing for the count.
  let extra = 0
  const base = b.byteOffset
  const all = LITTLE_ENDIAN ? words(b, stats) : undefined
  // Words wholly inside `b`; the bytes after the last one are checked one at a time.
  const end = (base + n) >>> 2
  for (;;) {
    // Past the ordinary bytes (none of quote, backslash, control or non-ASCII): four per step, the first word
    // with the bytes before `p` masked off, then to the lowest marked byte (an ordinary one is passed below).
    let w = (base + p) >>> 2
    let bits = 0
    if (all !== undefined && w < end) {
      bits = stopBits(all[w]) & (-1 << (((base + p) & 3) << 3))
      while (bits === 0 && ++w < end) bits = stopBits(all[w])
      p = w * 4 - base + (bits === 0 ? 0 : (31 - Math.clz32(bits & -bits)) >>> 3)
    }
    if (bits === 0) {
      while (p < n && STRING_STOP[b[p]] === 0) p++
      if (p >= n) break
    }
    const c = b[p]
    if (c === QUOTE) {
      stats.stringCodePoints = p - open - 1 - extra
      return p + 1
    }
    if (c === BACKSLASH) {
      const next = skipEscape(b, p)
      extra += next - p - 1
      p = next
    } else if (c < 0x20) throw new SyntaxFailure(p, 'an escape (\\n, \\t, \\u00XX) for the control character')
    else if (c >= 0x80) {
      const next = skipUtf8(b, p, stats)
      extra += next - p - 1
      p = next
    } else p++
  }
  throw new SyntaxFailure(n, "'\"' closing the string")
}

function skipEscape(b: Uint8Array, p: number): number {
  switch (b[p + 1]) {
    case QUOTE:
    case BACKSLASH:
    case 0x2f: // /
    case 0x62: // b
    case 0x66: // f
    case 0x6e: // n
    case 0x72: // r
    case 0x74: // t
      return p + 2
    case 0x75: {
      // u
      const unit = escapedUnit(b, p)
      if (unit < 0) throw new SyntaxFailure(p, 'four hex digits after \\u')
      // Python's json joins an escaped surrogate pair into one character: skip it as one.
      if (unit >= 0xd800 && unit <= 0xdbff && b[p + 6] === BACKSLASH && b[p + 7] === 0x75) {
        const low = escapedUnit(b, p + 6)
        if (low >= 0xdc00 && low <= 0xdfff) return p + 12
      }
      return p + 6
    }
    default:
      throw new SyntaxFailure(p, 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)')
  }
}

/** One UTF-8 sequence starting with a byte >= 0x80; invalid bytes are recorded, not fatal. */
function skipUtf8(b: Uint8Array, p: number, stats: ByteStats): number {
  stats.rawNonAscii = true
  const c = b[p]
  let length = 0
  let min = 0
  if (c >= 0xc2 && c <= 0xdf) {
    length = 2
    min = 0x80
  } else if (c >= 0xe0 && c <= 0xef) {
    length = 3
    min = 0x800
  } else if (c >= 0xf0 && c <= 0xf4) {
    length = 4
    min = 0x10000
  } else return invalidUtf8(stats, p)
  let code = c & (0xff >> (length + 1))
  for (let k = 1; k < length; k++) {
    const cont = b[p + k]
    if (cont === undefined || (cont & 0xc0) !== 0x80) return invalidUtf8(stats, p)
    code = (code << 6) | (cont & 0x3f)
  }
  // Overlong forms, UTF-8-encoded surrogates and values past U+10FFFF are rejected by Python's codec too.
  if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return invalidUtf8(stats, p)
  return p + length
}

function invalidUtf8(stats: ByteStats, p: number): number {
  if (stats.invalidUtf8At < 0) stats.invalidUtf8At = p
  return p + 1
}

/** Each byte's value as a hex digit, -1 for the others. */
const HEX_VALUE = new Int8Array(256).fill(-1)
for (let d = 0; d < 10; d++) HEX_VALUE[0x30 + d] = d
for (let d = 0; d < 6; d++) HEX_VALUE[0x41 + d] = HEX_VALUE[0x61 + d] = 10 + d

/** The code unit of the `\uXXXX` escape at `p` (its backslash), or -1 when four hex digits do not follow. */
function escapedUnit(b: Uint8Array, p: number): number {
  if (p + 6 > b.length) return -1
  const d0 = HEX_VALUE[b[p + 2]]
  const d1 = HEX_VALUE[b[p + 3]]
  const d2 = HEX_VALUE[b[p + 4]]
  const d3 = HEX_VALUE[b[p + 5]]
  return (d0 | d1 | d2 | d3) < 0 ? -1 : (d0 << 12) | (d1 << 8) | (d2 << 4) | d3
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

function skipDigits(b: Uint8Array, p: number): number {
  while (isDigit(b[p])) p++
  return p
}

/** `p` is at '-' or a digit; follows Python's number pattern (an incomplete fraction/exponent ends the number). */
export function skipNumber(b: Uint8Array, p: number): number {
  if (b[p] === 0x2d) p++
  const first = b[p]
  if (first === 0x30) p++
  else if (first >= 0x31 && first <= 0x39) p = skipDigits(b, p + 1)
  else throw new SyntaxFailure(p, 'a digit')
  if (b[p] === 0x2e && isDigit(b[p + 1])) p = skipDigits(b, p + 2)
  const e = b[p]
  if (e === 0x65 || e === 0x45) {
    let q = p + 1
    if (b[q] === 0x2b || b[q] === 0x2d) q++
    if (isDigit(b[q])) p = skipDigits(b, q + 1)
  }
  return p
}

const LITERALS: Record<number, readonly number[]> = {
  0x74: [...'true'].map((c) => c.charCodeAt(0)),
  0x66: [...'false'].map((c) => c.charCodeAt(0)),
  0x6e: [...'null'].map((c) => c.charCodeAt(0)),
  0x4e: [...'NaN'].map((c) => c.charCodeAt(0)),
  0x49: [...'Infinity'].map((c) => c.charCodeAt(0)),
}

function skipLiteral(b: Uint8Array, p: number, word: readonly number[]): number {
  for (let k = 0; k < word.length; k++) if (b[p + k] !== word[k]) throw new SyntaxFailure(p, EXPECTED_VALUE)
  return p + word.length
}

/** Skips one scalar (string, number, literal) at `p` (whitespace already skipped); -1 if `p` opens a container. */
function skipScalar(b: Uint8Array, p: number, stats: ByteStats): number {
  const c = b[p]
  if (c === QUOTE) return skipString(b, p, stats)
  if (c === 0x2d) return b[p + 1] === 0x49 ? skipLiteral(b, p + 1, LITERALS[0x49]) : skipNumber(b, p)
  if (isDigit(c)) return skipNumber(b, p)
  const word = LITERALS[c]
  if (word) return skipLiteral(b, p, word)
  if (c === 0x7b || c === 0x5b) return -1
  throw new SyntaxFailure(p, EXPECTED_VALUE)
}

const IN_OBJECT = 1
const IN_ARRAY = 2

/**
 * Skips one complete value starting at `p` (after optional whitespace), validating it fully. Iterative, so deep
 * nesting cannot overflow the stack.
 */
export function skipValue(b: Uint8Array, p: number, stats: ByteStats, baseDepth = 0): number {
  // Most values are scalars: skipped without the container stack.
  if (baseDepth > stats.maxDepth) stats.maxDepth = baseDepth
  p = skipWhitespace(b, p)
  const scalar = skipScalar(b, p, stats)
  if (scalar >= 0) return scalar
  const stack: number[] = []
  for (;;) {
    if (stack.length + baseDepth > stats.maxDepth) stats.maxDepth = stack.length + baseDepth
    // A value is expected at p.
    p = skipWhitespace(b, p)
    const scalarEnd = skipScalar(b, p, stats)
    if (scalarEnd >= 0) p = scalarEnd
    else if (b[p] === 0x7b) {
      p = skipWhitespace(b, p + 1)
      if (b[p] === 0x7d) p++
      else {
        stack.push(IN_OBJECT)
        p = skipKeyAndColon(b, p, stats)
        continue
      }
    } else {
      p = skipWhitespace(b, p + 1)
      if (b[p] === 0x5d) p++
      else {
        stack.push(IN_ARRAY)
        continue
      }
    }
    // After a value: close containers until one continues with ','.
    for (;;) {
      if (stack.length === 0) return p
      p = skipWhitespace(b, p)
      const c = b[p]
      if (stack[stack.length - 1] === IN_OBJECT) {
        if (c === COMMA) {
          p = skipKeyAndColon(b, skipWhitespace(b, p + 1), stats)
          break
        }
        if (c !== 0x7d) throw new SyntaxFailure(p, EXPECTED_OBJECT_NEXT)
      } else {
        if (c === COMMA) {
          p++
          break
        }
        if (c !== 0x5d) throw new SyntaxFailure(p, EXPECTED_ARRAY_NEXT)
      }
      stack.pop()
      p++
    }
  }
}

/** `p` is at a key (whitespace skipped); returns the offset after the ':'. */
export function skipKeyAndColon(b: Uint8Array, p: number, stats: ByteStats): number {
  if (b[p] !== QUOTE) throw new SyntaxFailure(p, EXPECTED_KEY)
  p = skipWhitespace(b, skipString(b, p, stats))
  if (b[p] !== COLON) throw new SyntaxFailure(p, "':'")
  return p + 1
}
