import { PY_JSON_MAX_DEPTH, nestingTooDeep } from './nesting'
import { PyNumber } from './pyNumber'
import { PyObject, type PyEntry } from './pyObject'
import type { PyValue } from './pyObject'

export type PlainJson = string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson }

/**
 * A plain JS view of a value (PyNumber → number, PyObject → object with last-wins duplicate keys), for display,
 * token counting and callers of the MARSYS API: it indexes like JSON (`value.type`) and `JSON.stringify` prints its
 * keys in the source's order. Lossy (number spellings such as `5.0`): do not write it back.
 */
export function toPlain(value: PyValue): PlainJson {
  return plainAt(value, 1, value)
}

// Depth-limited (throws NestingTooDeepError with the path) rather than overflowing the stack. Plain loops, not
// map callbacks: one stack frame per level leaves room for PY_JSON_MAX_DEPTH levels under any caller.
function plainAt(value: PyValue, depth: number, root: PyValue): PlainJson {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof PyNumber) return value.valueOf()
  if (depth > PY_JSON_MAX_DEPTH) throw nestingTooDeep(root)
  if (Array.isArray(value)) {
    const items = new Array<PlainJson>(value.length)
    for (let i = 0; i < value.length; i++) items[i] = plainAt(value[i], depth + 1, root)
    return items
  }
  const out: { [key: string]: PlainJson } = {}
  let digitKey = false
  for (const [key, v] of value.entries) {
    const first = key.charCodeAt(0)
    if (first >= 0x30 && first <= 0x39) digitKey = true
    setOwn(out, key, plainAt(v, depth + 1, root))
  }
  // Only keys starting with a digit can be reordered; most objects have none and skip the check.
  return digitKey ? keepKeyOrder(out, [...new Set(value.keys())]) : out
}

/**
 * JS objects enumerate integer-like keys ("7") first, whatever order they were set in; a Python dict keeps its
 * order. When that would change the order, the object is wrapped in a Proxy that only reorders enumeration
 * (`Object.keys`, `JSON.stringify`, spreading); reads and writes go to the plain object underneath. Keys added
 * later enumerate last, as in a dict. Such objects are not structured-cloneable: the doors send `encodeWire`'s
 * output, never these.
 */
export function keepKeyOrder<T extends object>(target: T, order: readonly string[]): T {
  if (isNaturalKeyOrder(order)) return target
  const ordered = new Proxy(target, {
    ownKeys(object) {
      const present = new Set(Reflect.ownKeys(object))
      const keys: (string | symbol)[] = order.filter((key) => present.has(key))
      const listed = new Set(order)
      for (const key of present) if (typeof key === 'symbol' || !listed.has(key)) keys.push(key)
      return keys
    },
  })
  orderedObjects.add(ordered)
  return ordered
}

const orderedObjects = new WeakSet<object>()

/** Whether `keepKeyOrder` wrapped this object (a Proxy: it must be copied before a structured clone). */
export const hasKeptKeyOrder = (value: object): boolean => orderedObjects.has(value)

/** Whether a plain JS object (or a structured clone, or `JSON.parse`) would enumerate these keys in this order. */
export function isNaturalKeyOrder(keys: readonly string[]): boolean {
  let seenName = false
  let lastIndex = -1
  for (const key of keys) {
    if (!isArrayIndex(key)) {
      seenName = true
      continue
    }
    const index = Number(key)
    if (seenName || index <= lastIndex) return false
    lastIndex = index
  }
  return true
}

const isArrayIndex = (key: string): boolean => {
  const first = key.charCodeAt(0)
  return first >= 0x30 && first <= 0x39 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295
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
  // Plain loops, one stack frame per level (see plainAt).
  if (Array.isArray(value)) {
    const items = new Array<PyValue>(value.length)
    for (let i = 0; i < value.length; i++) items[i] = pyValueAt(value[i], depth + 1, root)
    return items
  }
  if (value instanceof Map) {
    const entries: PyEntry[] = []
    for (const [k, v] of value) entries.push([String(k), pyValueAt(v, depth + 1, root)])
    return PyObject.adopt(entries)
  }
  if (typeof value === 'object') {
    const entries: PyEntry[] = []
    for (const [k, v] of Object.entries(value))
      if (v !== undefined) entries.push([k, pyValueAt(v, depth + 1, root)])
    return PyObject.adopt(entries)
  }
  throw new TypeError(`Cannot convert a value of type ${typeof value} to JSON`)
}

/** Sets `target[key]`; a key such as "__proto__" must become an own property, not a prototype change. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
