/**
 * Python `str()` / `repr()` of JSON-like values, as MARSYS produces them with `str(content)` (a list on a tool
 * message becomes `"[{'type': 'text', ...}]"`) and as its token counter measures non-dict list items.
 */
import { PY_JSON_MAX_DEPTH, nestingTooDeep, pyFloatRepr } from '../pyjson'
import { dictEntries, numberKind } from './pythonData'

// str.isprintable() is false for these general categories (space U+0020 is the one printable separator).
// Node's Unicode tables may be newer than the Python that wrote a file: a code point assigned since then is
// printable here but escaped by that Python. That only matters for characters nobody has yet.
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}]$/u

const hex = (codePoint: number, width: number): string => codePoint.toString(16).padStart(width, '0')

function escapeCodePoint(char: string, codePoint: number): string {
  if (codePoint === 0x09) return '\\t'
  if (codePoint === 0x0a) return '\\n'
  if (codePoint === 0x0d) return '\\r'
  if (codePoint === 0x20 || !NON_PRINTABLE.test(char)) return char
  if (codePoint <= 0xff) return `\\x${hex(codePoint, 2)}`
  if (codePoint <= 0xffff) return `\\u${hex(codePoint, 4)}`
  return `\\U${hex(codePoint, 8)}`
}

/** `repr(s)`: single quotes unless the text has a `'` and no `"`. */
export function pyReprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = quote
  // for..of walks code points; a lone surrogate comes out as its own one-unit string.
  for (const char of text) {
    if (char === quote || char === '\\') out += `\\${char}`
    else out += escapeCodePoint(char, char.codePointAt(0) as number)
  }
  return out + quote
}

function reprFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (value === Infinity) return 'inf'
  if (value === -Infinity) return '-inf'
  return pyFloatRepr(value)
}

function reprNumber(value: unknown): string | null {
  const kind = numberKind(value)
  if (kind === null) return null
  if (kind.kind === 'int') return kind.digits
  return reprFloat(kind.value)
}

/**
 * Python `repr()` of a JSON-like value (dicts, lists, str, int, float, bool, None). Values nested deeper than
 * PY_JSON_MAX_DEPTH (which MARSYS could not have loaded) throw NestingTooDeepError naming the path.
 */
export function pyRepr(value: unknown): string {
  return reprAt(value, 1, value)
}

function reprAt(value: unknown, depth: number, root: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'string') return pyReprString(value)
  const number = reprNumber(value)
  if (number !== null) return number
  const isList = Array.isArray(value)
  const entries = isList ? null : dictEntries(value)
  if (!isList && entries === null) return pyReprString(String(value))
  if (depth > PY_JSON_MAX_DEPTH) throw nestingTooDeep(root)
  // Plain loops, not map callbacks: one stack frame per level leaves room for PY_JSON_MAX_DEPTH levels.
  let out = isList ? '[' : '{'
  if (isList) {
    const items = value as unknown[]
    for (let i = 0; i < items.length; i++) out += (i > 0 ? ', ' : '') + reprAt(items[i], depth + 1, root)
    return out + ']'
  }
  for (let i = 0; i < entries!.length; i++) {
    const [key, item] = entries![i]
    out += (i > 0 ? ', ' : '') + pyReprString(key) + ': ' + reprAt(item, depth + 1, root)
  }
  return out + '}'
}

/** Python `str()`: a string is itself, everything else is its repr. */
export const pyStr = (value: unknown): string => (typeof value === 'string' ? value : pyRepr(value))
