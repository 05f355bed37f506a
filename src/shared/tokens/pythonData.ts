/**
 * Reading JSON-like values the way Python sees them after `json.loads`, whether they are plain JS data or the
 * lossless PyValue model (PyObject / PyNumber).
 */
import { PY_JSON_MAX_DEPTH, PyNumber, PyObject, isPyIntNumber, nestingTooDeep, pyFloatRepr } from '../pyjson'

export type DictEntry = readonly [key: string, value: unknown]

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** `isinstance(value, dict)`. */
export const isDict = (value: unknown): boolean =>
  value instanceof PyObject ||
  (typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof PyNumber) &&
    isPlainObject(value))

/**
 * The items of a dict as Python holds them: a duplicated key keeps its first position and its last value (what
 * `json.loads` builds). Plain-object properties set to `undefined` are absent. Null when the value is not a dict.
 */
export function dictEntries(value: unknown): DictEntry[] | null {
  if (value instanceof PyObject) {
    if (!value.hasDuplicateKeys()) return value.entries
    const merged = new Map<string, unknown>()
    for (const [key, item] of value.entries) merged.set(key, item)
    return [...merged]
  }
  if (!isDict(value)) return null
  return Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined)
}

/** `d[key]` if present, else `undefined` (so `undefined` means "missing", `null` means JSON null / None). */
export function dictGet(value: unknown, key: string): unknown {
  if (value instanceof PyObject) return value.get(key)
  if (!isDict(value)) return undefined
  return Object.hasOwn(value as object, key) ? (value as Record<string, unknown>)[key] : undefined
}

function pythonNumber(n: PyNumber): PyNumber {
  const kind = numberKind(n) as NumberKind
  const text = kind.kind === 'int' ? kind.digits : pyFloatRepr(kind.value)
  return text === n.raw ? n : new PyNumber(text)
}

export type NumberKind = { kind: 'int'; digits: string } | { kind: 'float'; value: number }

/**
 * Whether Python would hold this number as an int or a float. A JS number cannot say: integral values count as
 * int (what `json.loads("3")` gives; `"3.0"` parsed with JSON.parse is indistinguishable) — a PyNumber knows.
 */
export function numberKind(value: unknown): NumberKind | null {
  if (value instanceof PyNumber) {
    if (value.isFloat) return { kind: 'float', value: value.valueOf() }
    return { kind: 'int', digits: value.raw === '-0' ? '0' : value.raw }
  }
  if (typeof value === 'bigint') return { kind: 'int', digits: value.toString() }
  if (typeof value !== 'number') return null
  // The rule the JSON writer and parser follow for plain numbers: integral values past 2**53 and -0 were floats.
  if (isPyIntNumber(value)) return { kind: 'int', digits: String(value) }
  return { kind: 'float', value }
}

/**
 * The value with every dict reduced to Python's view of it (duplicate keys merged) and every number written as
 * Python would write the loaded int or float (`1E+2` → `100.0`, `1e-400` → `0.0`), so that `json.dumps` of it —
 * and the length of that text — is what Python would produce. Returns the input itself when nothing changes.
 */
export function asPythonData(value: unknown): unknown {
  return pythonDataAt(value, 1, value)
}

function pythonDataAt(value: unknown, depth: number, root: unknown): unknown {
  if (value instanceof PyNumber) return pythonNumber(value)
  if (typeof value !== 'object' || value === null) return value
  if (depth > PY_JSON_MAX_DEPTH) throw nestingTooDeep(root)
  // Plain loops, not map callbacks: one stack frame per level leaves room for PY_JSON_MAX_DEPTH levels.
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length)
    let changed = false
    for (let i = 0; i < value.length; i++) {
      items[i] = pythonDataAt(value[i], depth + 1, root)
      if (items[i] !== value[i]) changed = true
    }
    return changed ? items : value
  }
  if (value instanceof PyObject) {
    const entries = dictEntries(value) as DictEntry[]
    const mapped: [string, unknown][] = []
    let changed = entries !== value.entries
    for (const [key, item] of entries) {
      const python = pythonDataAt(item, depth + 1, root)
      if (python !== item) changed = true
      mapped.push([key, python])
    }
    return changed ? new Map(mapped) : value
  }
  if (isDict(value)) {
    const record = value as Record<string, unknown>
    let changed = false
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(record)) {
      const mapped = pythonDataAt(item, depth + 1, root)
      if (mapped !== item) changed = true
      Object.defineProperty(out, key, { value: mapped, enumerable: true, writable: true, configurable: true })
    }
    return changed ? out : value
  }
  return value
}
