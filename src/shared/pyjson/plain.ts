import { PY_JSON_MAX_DEPTH, nestingTooDeep } from './nesting'
import { PyNumber } from './pyNumber'
import { PyObject, type PyEntry } from './pyObject'
import type { PyValue } from './pyValue'

export type PlainJson = string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson }

/**
 * A plain JS view of a value (PyNumber → number, PyObject → object with last-wins duplicate keys), for display and
 * token counting. Lossy: do not write it back.
 */
export function toPlain(value: PyValue): PlainJson {
  return plainAt(value, 1, value)
}

// Depth-limited (throws NestingTooDeepError with the path) rather than overflowing the stack.
function plainAt(value: PyValue, depth: number, root: PyValue): PlainJson {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof PyNumber) return value.valueOf()
  if (depth > PY_JSON_MAX_DEPTH) throw nestingTooDeep(root)
  if (Array.isArray(value)) return value.map((item) => plainAt(item, depth + 1, root))
  const out: { [key: string]: PlainJson } = {}
  for (const [key, v] of value.entries) setOwn(out, key, plainAt(v, depth + 1, root))
  return out
}

/** A PyValue from plain JS data built by code (objects, arrays, Maps with string keys). */
export function fromPlain(value: unknown): PyValue {
  return pyValueAt(value, 1, value)
}

function pyValueAt(value: unknown, depth: number, root: unknown): PyValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
    return value
  if (value instanceof PyNumber || value instanceof PyObject) return value
  if (typeof value === 'object' && depth > PY_JSON_MAX_DEPTH) throw nestingTooDeep(root)
  const child = (v: unknown): PyValue => pyValueAt(v, depth + 1, root)
  if (Array.isArray(value)) return value.map(child)
  if (value instanceof Map)
    return PyObject.adopt(Array.from(value, ([k, v]): PyEntry => [String(k), child(v)]))
  if (typeof value === 'object') {
    const entries: PyEntry[] = []
    for (const [k, v] of Object.entries(value)) if (v !== undefined) entries.push([k, child(v)])
    return PyObject.adopt(entries)
  }
  throw new TypeError(`Cannot convert a value of type ${typeof value} to JSON`)
}

// A key such as "__proto__" must become an own property, not a prototype change.
function setOwn(target: Record<string, PlainJson>, key: string, value: PlainJson): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
