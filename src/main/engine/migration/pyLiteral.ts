/**
 * A safe reader for Python literals as `repr()` writes them (what V1's SQLite memory adapter stored as
 * `metadata`): dict, list, tuple, str, bytes, int, float, True, False, None. It only parses — nothing is ever
 * evaluated — and anything else (a call such as `datetime.datetime(...)`, a name, an operator) is an error
 * naming the place. Results are JSON data: tuples become arrays, dict keys become strings as `json.dumps` makes
 * them, bytes become `{"__bytes__": "<base64>"}`, integers beyond 2^53 stay exact as decimal strings.
 */

export type PyLiteralValue =
  string | number | boolean | null | PyLiteralValue[] | { [key: string]: PyLiteralValue }

export class PyLiteralError extends Error {
  override name = 'PyLiteralError'
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`not a Python literal: ${reason} at ${line}:${column}`)
  }
}

const MAX_DEPTH = 200
const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
}

export function parsePyLiteral(text: string): PyLiteralValue {
  const parser = new LiteralParser(text)
  parser.skipSpace()
  const value = parser.value(0)
  parser.skipSpace()
  if (!parser.atEnd()) parser.fail('unexpected text after the value')
  return value
}

class LiteralParser {
  private pos = 0

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length
  }

  fail(reason: string, at = this.pos): never {
    const before = this.text.slice(0, at)
    const line = before.split('\n').length
    const column = at - before.lastIndexOf('\n')
    throw new PyLiteralError(reason, at, line, column)
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') this.pos++
      else if (c === '\\' && this.text[this.pos + 1] === '\n') this.pos += 2
      else break
    }
  }

  value(depth: number): PyLiteralValue {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`)
    const c = this.text[this.pos]
    if (c === undefined) this.fail('unexpected end of text')
    if (c === '{') return this.dict(depth)
    if (c === '[') return this.sequence(']', depth)
    if (c === '(') return this.tuple(depth)
    if (c === '-' || c === '+') return this.signedNumber(depth)
    if (/[0-9.]/.test(c)) return this.number()
    if (/[A-Za-z_'"]/.test(c)) return this.wordOrString()
    return this.fail(`unexpected ${JSON.stringify(c)}`)
  }

  private dict(depth: number): PyLiteralValue {
    const start = this.pos
    this.pos++
    const out: { [key: string]: PyLiteralValue } = {}
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === '}') {
        this.pos++
        return out
      }
      const keyAt = this.pos
      const key = this.value(depth + 1)
      this.skipSpace()
      if (this.text[this.pos] !== ':') this.fail("expected ':' after a dict key")
      this.pos++
      this.skipSpace()
      const item = this.value(depth + 1)
      Object.defineProperty(
        out,
        jsonKey(key, () => this.fail('a dict key must be str, int, float, bool or None', keyAt)),
        {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        },
      )
      if (!this.separator('}')) this.fail(`expected ',' or '}' in the dict opened at offset ${start}`)
    }
  }

  private sequence(close: string, depth: number): PyLiteralValue[] {
    this.pos++
    const items: PyLiteralValue[] = []
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === close) {
        this.pos++
        return items
      }
      items.push(this.value(depth + 1))
      if (!this.separator(close)) this.fail(`expected ',' or '${close}'`)
    }
  }

  /** `()`, `(x,)`, `(x, y)`; a parenthesised single value `(x)` is just x. */
  private tuple(depth: number): PyLiteralValue {
    this.pos++
    this.skipSpace()
    if (this.text[this.pos] === ')') {
      this.pos++
      return []
    }
    const first = this.value(depth + 1)
    this.skipSpace()
    if (this.text[this.pos] === ')') {
      this.pos++
      return first
    }
    if (this.text[this.pos] !== ',') this.fail("expected ',' or ')'")
    this.pos++
    const rest = this.restOfTuple(depth)
    return [first, ...rest]
  }

  private restOfTuple(depth: number): PyLiteralValue[] {
    const items: PyLiteralValue[] = []
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === ')') {
        this.pos++
        return items
      }
      items.push(this.value(depth + 1))
      if (!this.separator(')')) this.fail("expected ',' or ')'")
    }
  }

  /** After an item: a comma (consumed) or the closing bracket (left in place). */
  private separator(close: string): boolean {
    this.skipSpace()
    const c = this.text[this.pos]
    if (c === ',') {
      this.pos++
      return true
    }
    return c === close
  }

  private signedNumber(depth: number): PyLiteralValue {
    const sign = this.text[this.pos]
    const at = this.pos
    this.pos++
    this.skipSpace()
    const value = this.value(depth + 1)
    if (typeof value === 'number') return sign === '-' ? -value : value
    if (typeof value === 'string' && /^\d+$/.test(value)) return sign === '-' ? `-${value}` : value
    return this.fail(`'${sign}' applies only to numbers`, at)
  }

  private number(): PyLiteralValue {
    const rest = this.text.slice(this.pos)
    const based = /^0([xXoObB])[0-9a-fA-F_]+/.exec(rest)
    if (based !== null) {
      this.pos += based[0].length
      this.noNameAfter()
      const radix = { x: 16, o: 8, b: 2 }[based[1].toLowerCase() as 'x' | 'o' | 'b']
      const digits = based[0].slice(2).replaceAll('_', '')
      const big = BigInt(`0${based[1].toLowerCase()}${digits}`)
      if (Number.isNaN(parseInt(digits, radix))) this.fail('bad number')
      return exactInteger(big)
    }
    const match = /^(?:\d[\d_]*)?(?:\.[\d_]*)?(?:[eE][+-]?\d[\d_]*)?/.exec(rest)
    const token = match?.[0] ?? ''
    if (token === '' || token === '.') this.fail('bad number')
    this.pos += token.length
    if (/^[jJ]/.test(this.text.slice(this.pos))) this.fail('complex numbers are not supported')
    this.noNameAfter()
    const clean = token.replaceAll('_', '')
    if (/^\d+$/.test(clean)) {
      if (clean.length > 1 && clean.startsWith('0') && /[1-9]/.test(clean))
        this.fail('leading zeros in an integer')
      return exactInteger(BigInt(clean))
    }
    return Number(clean)
  }

  private noNameAfter(): void {
    if (/^[A-Za-z_]/.test(this.text.slice(this.pos))) this.fail('bad number')
  }

  private wordOrString(): PyLiteralValue {
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0] ?? ''
    const quote = this.text[this.pos + word.length]
    if (word !== '' && (quote === "'" || quote === '"') && /^(?:[rRbBuU]|[rR][bB]|[bB][rR])$/.test(word)) {
      return this.strings(word.toLowerCase())
    }
    if (word === '') return this.strings('')
    const at = this.pos
    this.pos += word.length
    if (word === 'True') return true
    if (word === 'False') return false
    if (word === 'None') return null
    const dotted = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(this.text.slice(this.pos))?.[0] ?? ''
    this.pos += dotted.length
    this.skipSpace()
    if (this.text[this.pos] === '(') this.fail(`a call to ${word}${dotted}(...) is not a literal`, at)
    return this.fail(`the name ${word}${dotted} is not a literal`, at)
  }

  /** One or more adjacent string literals, concatenated as Python does (str with str, bytes with bytes). */
  private strings(firstPrefix: string): PyLiteralValue {
    let prefix = firstPrefix
    const isBytes = prefix.includes('b')
    let text = ''
    for (;;) {
      const at = this.pos
      this.pos += prefix.length
      if (prefix.includes('b') !== isBytes) this.fail('cannot mix bytes and str literals', at)
      text += this.stringBody(prefix.includes('r'), isBytes)
      this.skipSpace()
      const next = /^(?:[rRbBuU]|[rR][bB]|[bB][rR])?(?=['"])/.exec(this.text.slice(this.pos))
      if (next === null) break
      prefix = next[0].toLowerCase()
    }
    return isBytes ? { __bytes__: Buffer.from(text, 'latin1').toString('base64') } : text
  }

  private stringBody(raw: boolean, isBytes: boolean): string {
    const q = this.text[this.pos]
    const triple = this.text.startsWith(q.repeat(3), this.pos)
    const close = triple ? q.repeat(3) : q
    const start = this.pos
    this.pos += close.length
    let out = ''
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string', start)
      if (this.text.startsWith(close, this.pos)) {
        this.pos += close.length
        return out
      }
      const c = this.text[this.pos]
      if (c === '\n' && !triple) this.fail('unterminated string', start)
      if (c !== '\\') {
        if (isBytes && c.charCodeAt(0) > 0x7f) this.fail('bytes can only contain ASCII characters')
        out += c
        this.pos++
        continue
      }
      if (raw) {
        out += c + (this.text[this.pos + 1] ?? '')
        this.pos += 2
        continue
      }
      out += this.escape(isBytes)
    }
  }

  private escape(isBytes: boolean): string {
    const at = this.pos
    const e = this.text[this.pos + 1]
    if (e === undefined) this.fail('unterminated string')
    this.pos += 2
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e]
    if (/[0-7]/.test(e)) {
      const digits = /^[0-7]{1,3}/.exec(this.text.slice(at + 1))![0]
      this.pos = at + 1 + digits.length
      return String.fromCharCode(parseInt(digits, 8) & (isBytes ? 0xff : 0x1ff))
    }
    const width = e === 'x' ? 2 : isBytes ? 0 : e === 'u' ? 4 : e === 'U' ? 8 : 0
    if (width === 0) {
      if (e === 'N' && !isBytes) this.fail('\\N{...} escapes are not supported', at)
      return `\\${e}` // Python keeps unknown escapes as written
    }
    const hex = this.text.slice(this.pos, this.pos + width)
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) this.fail(`bad \\${e} escape`, at)
    this.pos += width
    const code = parseInt(hex, 16)
    if (code > 0x10ffff) this.fail(`bad \\${e} escape`, at)
    return String.fromCodePoint(code)
  }
}

function exactInteger(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString()
}

/** `json.dumps` key rules: str as is, True/False/None as true/false/null, numbers in their JSON form. */
function jsonKey(key: PyLiteralValue, fail: () => never): string {
  if (typeof key === 'string') return key
  if (key === true) return 'true'
  if (key === false) return 'false'
  if (key === null) return 'null'
  if (typeof key === 'number') return Number.isInteger(key) ? String(key) : String(key)
  return fail()
}
