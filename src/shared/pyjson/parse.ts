import { syntaxErrorAt } from './errorPosition'
import { formatJsNumber } from './floatRepr'
import { JsonNestingError, PY_JSON_MAX_DEPTH, findDeepNestingInText } from './nesting'
import { PyNumber } from './pyNumber'
import { PyObject, type PyEntry } from './pyObject'
import type { PyValue } from './pyObject'

export interface ParseOptions {
  /** Default true: accept Python's bare `NaN`, `Infinity`, `-Infinity`. */
  allowNan?: boolean
  /** Deepest nesting accepted (root container = 1); default PY_JSON_MAX_DEPTH, what MARSYS's json.load reads. */
  maxDepth?: number
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const MINUS = 0x2d

const EXPECTED_VALUE = 'a value'

/**
 * Parses JSON the way Python's `json.loads` accepts it (strict: no control characters inside strings; plus
 * `NaN` / `Infinity` / `-Infinity`), keeping everything needed to write it back byte for byte: numbers whose text
 * a plain JS number would not reproduce become PyNumber, objects become PyObject (order and duplicates kept), and
 * `\uXXXX` escapes of lone surrogates stay lone surrogates in the JS string.
 *
 * @throws JsonSyntaxError with line, column and what was expected (JsonNestingError past `maxDepth`).
 */
export function parsePyJson(text: string, opts: ParseOptions = {}): PyValue {
  return new Parser(text, opts.allowNan ?? true, opts.maxDepth ?? PY_JSON_MAX_DEPTH).document()
}

class Parser {
  private pos = 0
  private depth = 0

  constructor(
    private readonly text: string,
    private readonly allowNan: boolean,
    private readonly maxDepth: number,
  ) {}

  document(): PyValue {
    const value = this.value()
    this.skipWhitespace()
    if (this.pos < this.text.length) throw this.fail('end of input')
    return value
  }

  private value(): PyValue {
    this.skipWhitespace()
    const text = this.text
    const c = text.charCodeAt(this.pos)
    switch (c) {
      case QUOTE:
        return this.string()
      case 0x7b: // {
      case 0x5b: // [
        return this.container(c === 0x7b)
      case 0x74: // t
        return this.literal('true', true)
      case 0x66: // f
        return this.literal('false', false)
      case 0x6e: // n
        return this.literal('null', null)
      case 0x4e: // N
        return this.special('NaN')
      case 0x49: // I
        return this.special('Infinity')
      case MINUS:
        if (text.charCodeAt(this.pos + 1) === 0x49) return this.special('-Infinity')
        return this.number()
      default:
        if (c >= 0x30 && c <= 0x39) return this.number()
        throw this.fail(EXPECTED_VALUE)
    }
  }

  /** Objects and arrays count towards the depth limit, so deep input fails clearly instead of overflowing. */
  private container(isObject: boolean): PyValue {
    if (this.depth >= this.maxDepth) {
      const deep = findDeepNestingInText(this.text, this.maxDepth)
      throw new JsonNestingError(this.text, this.pos, this.maxDepth, deep?.segments ?? [])
    }
    this.depth++
    const value = isObject ? this.object() : this.array()
    this.depth--
    return value
  }

  private object(): PyObject {
    const text = this.text
    this.pos++
    const entries: PyEntry[] = []
    this.skipWhitespace()
    if (text.charCodeAt(this.pos) === 0x7d) {
      this.pos++
      return PyObject.adopt(entries)
    }
    for (;;) {
      if (text.charCodeAt(this.pos) !== QUOTE) throw this.fail('a key in double quotes')
      const key = this.string()
      this.skipWhitespace()
      if (text.charCodeAt(this.pos) !== 0x3a) throw this.fail("':'")
      this.pos++
      entries.push([key, this.value()])
      this.skipWhitespace()
      const c = text.charCodeAt(this.pos)
      if (c === 0x2c) {
        this.pos++
        this.skipWhitespace()
        continue
      }
      if (c === 0x7d) {
        this.pos++
        return PyObject.adopt(entries)
      }
      throw this.fail("',' or '}'")
    }
  }

  private array(): PyValue[] {
    const text = this.text
    this.pos++
    const items: PyValue[] = []
    this.skipWhitespace()
    if (text.charCodeAt(this.pos) === 0x5d) {
      this.pos++
      return items
    }
    for (;;) {
      items.push(this.value())
      this.skipWhitespace()
      const c = text.charCodeAt(this.pos)
      if (c === 0x2c) {
        this.pos++
        continue
      }
      if (c === 0x5d) {
        this.pos++
        return items
      }
      throw this.fail("',' or ']'")
    }
  }

  private string(): string {
    const text = this.text
    const start = ++this.pos
    let i = start
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === QUOTE) {
        this.pos = i + 1
        return text.slice(start, i)
      }
      if (c === BACKSLASH) break
      if (c < 0x20 || Number.isNaN(c)) {
        throw this.badStringChar(i, c)
      }
      i++
    }
    return this.stringWithEscapes(start, i)
  }

  /** The end of input or a raw control character inside a string (JSON wants it escaped). */
  private badStringChar(at: number, c: number): Error {
    this.pos = at
    return this.fail(
      Number.isNaN(c) ? "'\"' closing the string" : 'an escape (\\n, \\t, \\u00XX) for the control character',
    )
  }

  private stringWithEscapes(start: number, firstEscape: number): string {
    const text = this.text
    let out = text.slice(start, firstEscape)
    let i = firstEscape
    let runStart = i
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === QUOTE) {
        this.pos = i + 1
        return out + text.slice(runStart, i)
      }
      if (c === BACKSLASH) {
        out += text.slice(runStart, i)
        const e = text.charCodeAt(i + 1)
        switch (e) {
          case QUOTE:
            out += '"'
            break
          case BACKSLASH:
            out += '\\'
            break
          case 0x2f:
            out += '/'
            break
          case 0x62:
            out += '\b'
            break
          case 0x66:
            out += '\f'
            break
          case 0x6e:
            out += '\n'
            break
          case 0x72:
            out += '\r'
            break
          case 0x74:
            out += '\t'
            break
          case 0x75: {
            const code = hex4At(text, i + 2)
            if (code < 0) {
              this.pos = i
              throw this.fail('four hex digits after \\u')
            }
            // Code units are kept as they are: pairs form astral characters, lone surrogates stay lone.
            out += String.fromCharCode(code)
            i += 4
            break
          }
          default:
            this.pos = i
            throw this.fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)')
        }
        i += 2
        runStart = i
        continue
      }
      if (c < 0x20 || Number.isNaN(c)) {
        throw this.badStringChar(i, c)
      }
      i++
    }
  }

  private number(): PyValue {
    const text = this.text
    const start = this.pos
    let i = start
    if (text.charCodeAt(i) === MINUS) i++
    const firstDigit = text.charCodeAt(i)
    if (firstDigit === 0x30) i++
    else if (firstDigit >= 0x31 && firstDigit <= 0x39) i = skipDigits(text, i + 1)
    else {
      this.pos = i
      throw this.fail('a digit')
    }
    let isFloat = false
    if (text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) {
      isFloat = true
      i = skipDigits(text, i + 2)
    }
    const e = text.charCodeAt(i)
    if (e === 0x65 || e === 0x45) {
      let j = i + 1
      const sign = text.charCodeAt(j)
      if (sign === 0x2b || sign === MINUS) j++
      // Like Python's number pattern: an incomplete exponent is not part of the number.
      if (isDigit(text.charCodeAt(j))) {
        isFloat = true
        i = skipDigits(text, j + 1)
      }
    }
    this.pos = i
    const raw = text.slice(start, i)
    // Short integers always round-trip through a JS number; everything else only if it prints back the same.
    if (!isFloat && i - start <= 15 && raw !== '-0') return Number(raw)
    const n = Number(raw)
    return formatJsNumber(n) === raw ? n : new PyNumber(raw)
  }

  private literal(word: string, value: boolean | null): boolean | null {
    if (!this.text.startsWith(word, this.pos)) throw this.fail(EXPECTED_VALUE)
    this.pos += word.length
    return value
  }

  private special(word: 'NaN' | 'Infinity' | '-Infinity'): PyNumber {
    if (!this.text.startsWith(word, this.pos)) throw this.fail(EXPECTED_VALUE)
    if (!this.allowNan) throw this.fail('a value (NaN and Infinity are not allowed)')
    this.pos += word.length
    return new PyNumber(word)
  }

  private skipWhitespace(): void {
    const text = this.text
    let i = this.pos
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
      else break
    }
    this.pos = i
  }

  private fail(expected: string): Error {
    return syntaxErrorAt(this.text, this.pos, expected)
  }
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

function skipDigits(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++
  return i
}

function hex4At(text: string, i: number): number {
  let code = 0
  for (let k = 0; k < 4; k++) {
    const d = hexValue(text.charCodeAt(i + k))
    if (d < 0) return -1
    code = (code << 4) | d
  }
  return code
}

export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  return -1
}
