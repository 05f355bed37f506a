import {
  dumpPyJson,
  findDeepNestingInValue,
  formatShortJsonPath,
  hasKeptKeyOrder,
  isNaturalKeyOrder,
  parsePyJson,
  PyNumber,
  PY_JSON_MAX_DEPTH,
  PyObject,
  setOwn,
  toPlain,
} from './pyjson'

/**
 * What crosses the doors. IPC sends structured clones and HTTP sends JSON text; they differ on exactly the values
 * a MARSYS file can hold and plain JSON cannot: NaN and ±Infinity (a clone keeps them, JSON turns them into null)
 * and dict key order (both reorder integer-like keys such as "7" to the front of a JS object). So both doors send
 * the same JSON-safe tree, made once in main by `encodeWire` (in `dispatch` for replies, in each transport for
 * events) and read back once in the renderer by `decodeWire` (in the API client):
 *
 * - anything JSON holds as it is travels as it is (nothing changes for ordinary replies);
 * - a value JSON cannot hold exactly travels as `{ "$pyjson": "<Python json text>" }`: a non-finite number
 *   (`"NaN"`, `"Infinity"`, `"-Infinity"`), a lossless number whose spelling is not JS's (`"5.0"`), an object whose
 *   key order a JS object would change, a lossless `PyObject`, and any object that has a `$pyjson` key itself (so
 *   the tag is never ambiguous);
 * - `undefined` properties are left out and `undefined` array items become null, as in JSON.
 *
 * Decoding parses the text with the Python-compatible parser and gives plain values: NaN/Infinity as JS numbers
 * and objects whose keys enumerate in the file's order (see `keepKeyOrder`).
 */
export const WIRE_TAG = '$pyjson'

export interface WireText {
  [WIRE_TAG]: string
}

const asText = (value: unknown): WireText => ({ [WIRE_TAG]: dumpPyJson(value, { ensureAscii: false }) })

/**
 * The deepest reply the doors carry: a MARSYS value (at most PY_JSON_MAX_DEPTH) with room for the reply around
 * it. Deeper values (a store session can hold one) are refused clearly instead of overflowing the stack here, in
 * JSON.stringify or in IPC's structured clone.
 */
export const WIRE_MAX_DEPTH = PY_JSON_MAX_DEPTH + 64

/** A reply nested deeper than the doors carry; names the path where it gets too deep. */
export class WireNestingError extends RangeError {
  readonly code = 'UNSUPPORTED'
  readonly path: string
  constructor(root: unknown) {
    const path = formatShortJsonPath(findDeepNestingInValue(root, WIRE_MAX_DEPTH) ?? [])
    super(`The reply is nested more than ${WIRE_MAX_DEPTH} levels deep at ${path}: too deep to send`)
    this.name = 'WireNestingError'
    this.path = path
  }
}

const TOO_DEEP = Symbol('too deep')

export function encodeWire(value: unknown): unknown {
  try {
    return encodeAt(value, 1)
  } catch (error) {
    if (error === TOO_DEEP) throw new WireNestingError(value)
    throw error
  }
}

function encodeAt(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : asText(value)
    case 'undefined':
      return undefined
    case 'object':
      if (value === null) return null
      if (value instanceof PyNumber) {
        const number = value.valueOf()
        return Number.isFinite(number) && JSON.stringify(number) === value.raw ? number : asText(value)
      }
      if (value instanceof PyObject) return asText(value)
      if (depth > WIRE_MAX_DEPTH) throw TOO_DEEP
      if (Array.isArray(value)) return encodeArray(value, depth)
      return encodeObject(value as Record<string, unknown>, depth)
  }
  throw new TypeError(`A reply cannot carry a value of type ${typeof value}`)
}

function encodeArray(items: readonly unknown[], depth: number): unknown[] {
  let out: unknown[] | null = null
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const encoded = item === undefined ? null : encodeAt(item, depth + 1)
    if (encoded !== item && out === null) out = items.slice(0, i)
    if (out !== null) out.push(encoded)
  }
  return out ?? (items as unknown[])
}

function encodeObject(object: Record<string, unknown>, depth: number): unknown {
  if (typeof (object as { toJSON?: unknown }).toJSON === 'function')
    return encodeAt((object as { toJSON(): unknown }).toJSON(), depth)
  const keys = Object.keys(object)
  if (!isNaturalKeyOrder(keys) || Object.hasOwn(object, WIRE_TAG)) return asText(object)
  // A file-ordered Proxy whose order is natural again (keys deleted) is copied: IPC cannot clone a Proxy.
  let out: Record<string, unknown> | null = hasKeptKeyOrder(object) ? {} : null
  for (let i = 0; i < keys.length; i++) {
    const item = object[keys[i]]
    const encoded = encodeAt(item, depth + 1)
    if (encoded !== item && out === null) {
      out = {}
      for (let j = 0; j < i; j++) setOwn(out, keys[j], object[keys[j]])
    }
    if (out !== null && encoded !== undefined) setOwn(out, keys[i], encoded)
  }
  return out ?? object
}

export const isWireText = (value: unknown): value is WireText =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as Record<string, unknown>)[WIRE_TAG] === 'string' &&
  Object.keys(value).length === 1

/** The renderer's side of `encodeWire`; returns the same object when nothing in it was encoded. */
export function decodeWire(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    let out: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const decoded = decodeWire(value[i])
      if (decoded !== value[i] && out === null) out = value.slice(0, i)
      if (out !== null) out.push(decoded)
    }
    return out ?? value
  }
  if (isWireText(value)) return toPlain(parsePyJson(value[WIRE_TAG]))
  const object = value as Record<string, unknown>
  let out: Record<string, unknown> | null = null
  const keys = Object.keys(object)
  for (let i = 0; i < keys.length; i++) {
    const decoded = decodeWire(object[keys[i]])
    if (decoded !== object[keys[i]] && out === null) {
      out = {}
      for (let j = 0; j < i; j++) setOwn(out, keys[j], object[keys[j]])
    }
    if (out !== null) setOwn(out, keys[i], decoded)
  }
  return out ?? object
}
