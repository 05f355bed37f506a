import { PyNumber } from './pyNumber'
import { PyObject, type PyEntry } from './pyObject'
import type { PyValue } from './pyValue'

export type PlainJson = string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson }

/**
 * A plain JS view of a value (PyNumber → number, PyObject → object with last-wins duplicate keys), for display and
 * token counting. Lossy: do not write it back.
 */
export function toPlain(value: PyValue): PlainJson {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof PyNumber) return value.valueOf()
  if (Array.isArray(value)) return value.map(toPlain)
  const out: { [key: string]: PlainJson } = {}
  for (const [key, v] of value.entries) setOwn(out, key, toPlain(v))
  return out
}

/** A PyValue from plain JS data built by code (objects, arrays, Maps with string keys). */
export function fromPlain(value: unknown): PyValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
    return value
  if (value instanceof PyNumber || value instanceof PyObject) return value
  if (Array.isArray(value)) return value.map(fromPlain)
  if (value instanceof Map)
    return PyObject.adopt(Array.from(value, ([k, v]): PyEntry => [String(k), fromPlain(v)]))
  if (typeof value === 'object') {
    const entries: PyEntry[] = []
    for (const [k, v] of Object.entries(value)) if (v !== undefined) entries.push([k, fromPlain(v)])
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
