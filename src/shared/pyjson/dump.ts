import { formatJsNumber, pyFloatRepr } from './floatRepr'
import { PY_JSON_MAX_DEPTH, nestingTooDeep } from './nesting'
import { PyNumber } from './pyNumber'
import { PyObject } from './pyObject'
import { quotePyString } from './escapeString'

export interface DumpOptions {
  /** Like Python's `indent`: null/undefined = one line; a number of spaces or an indent string. */
  indent?: number | string | null
  /** Default true, like Python. */
  ensureAscii?: boolean
  /** `[item, key]`; default `[', ', ': ']`, or `[',', ': ']` when an indent is given. */
  separators?: readonly [string, string]
  /** Starting indent level, to serialise a value in place inside a larger document. */
  level?: number
  /** Default true: NaN / Infinity are written as Python writes them; false makes them an error. */
  allowNan?: boolean
}

class Dumper {
  private readonly indent: string | null
  private readonly itemSeparator: string
  private readonly keySeparator: string
  private readonly ensureAscii: boolean
  private readonly allowNan: boolean
  private readonly active = new Set<object>()

  constructor(
    opts: DumpOptions,
    private readonly root: unknown,
  ) {
    const indent = opts.indent
    this.indent =
      indent === null || indent === undefined
        ? null
        : typeof indent === 'string'
          ? indent
          : ' '.repeat(Math.max(0, indent))
    const [item, key] = opts.separators ?? (this.indent === null ? [', ', ': '] : [',', ': '])
    this.itemSeparator = item
    this.keySeparator = key
    this.ensureAscii = opts.ensureAscii ?? true
    this.allowNan = opts.allowNan ?? true
  }

  value(v: unknown, level: number): string {
    switch (typeof v) {
      case 'string':
        return quotePyString(v, this.ensureAscii)
      case 'boolean':
        return v ? 'true' : 'false'
      case 'number':
        return this.number(v)
      case 'bigint':
        return v.toString()
      case 'object':
        if (v === null) return 'null'
        if (v instanceof PyNumber) return this.pyNumber(v)
        if (Array.isArray(v)) return this.list(v, level)
        if (v instanceof PyObject) return this.dict(v.entries, level, v)
        if (v instanceof Map) return this.dict(v, level, v)
        if (isPlainObject(v)) return this.dict(Object.entries(v), level, v)
    }
    throw new TypeError(`Object of type ${describe(v)} is not JSON serializable`)
  }

  private number(n: number): string {
    if (!Number.isFinite(n) && !this.allowNan) throw outOfRange(n)
    return formatJsNumber(n)
  }

  private pyNumber(n: PyNumber): string {
    if (!this.allowNan && !Number.isFinite(n.valueOf())) throw outOfRange(n.valueOf())
    return n.raw
  }

  private list(items: readonly unknown[], level: number): string {
    if (items.length === 0) return '[]'
    this.enter(items)
    const inner = this.indent === null ? null : '\n' + this.indent.repeat(level + 1)
    const separator = inner === null ? this.itemSeparator : this.itemSeparator + inner
    let out = inner === null ? '[' : '[' + inner
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out += separator
      out += this.value(items[i], level + 1)
    }
    this.active.delete(items)
    return out + (inner === null ? ']' : '\n' + this.indent!.repeat(level) + ']')
  }

  private dict(entries: Iterable<readonly [unknown, unknown]>, level: number, identity: object): string {
    this.enter(identity)
    const inner = this.indent === null ? null : '\n' + this.indent.repeat(level + 1)
    const separator = inner === null ? this.itemSeparator : this.itemSeparator + inner
    let out = ''
    let first = true
    for (const [key, val] of entries) {
      if (val === undefined && !(identity instanceof PyObject) && !(identity instanceof Map)) continue
      out += (first ? '' : separator) + quotePyString(this.key(key), this.ensureAscii) + this.keySeparator
      out += this.value(val, level + 1)
      first = false
    }
    this.active.delete(identity)
    if (first) return '{}'
    return inner === null ? '{' + out + '}' : '{' + inner + out + '\n' + this.indent!.repeat(level) + '}'
  }

  /** Python coerces non-string keys: True → "true", None → "null", 7 → "7", 1.5 → "1.5". */
  private key(k: unknown): string {
    if (typeof k === 'string') return k
    if (typeof k === 'number') return formatJsNumber(k)
    if (typeof k === 'boolean') return k ? 'true' : 'false'
    if (k === null) return 'null'
    if (k instanceof PyNumber) return k.isFloat ? pyFloatRepr(k.valueOf()) : k.raw
    if (typeof k === 'bigint') return k.toString()
    throw new TypeError(`keys must be str, int, float, bool or None, not ${describe(k)}`)
  }

  private enter(container: object): void {
    if (this.active.has(container)) throw new TypeError('Circular reference detected')
    // `active` holds exactly the containers open above this one, so its size is the depth.
    if (this.active.size >= PY_JSON_MAX_DEPTH) throw nestingTooDeep(this.root)
    this.active.add(container)
  }
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (typeof v === 'object' && v !== null) return v.constructor?.name ?? 'object'
  return typeof v
}

const outOfRange = (n: number): Error =>
  new RangeError(`Out of range float values are not JSON compliant: ${pyFloatRepr(n)}`)

/**
 * CPython's `json.dumps(value, indent=…, ensure_ascii=…, separators=…, allow_nan=…)`, byte for byte. Accepts
 * PyValue and also plain JS objects, arrays and Maps built by code. Plain-object properties that are `undefined`
 * are skipped (they cannot come from JSON). Values nested deeper than PY_JSON_MAX_DEPTH (which Python could not
 * write either) throw NestingTooDeepError naming the path.
 */
export function dumpPyJson(value: unknown, opts: DumpOptions = {}): string {
  return new Dumper(opts, value).value(value, opts.level ?? 0)
}
