/**
 * `additional_state` as MemoryManager hands it out (plain values that index and serialise like JSON) and takes it
 * back on save (the exact number text and key order of the loaded file, where the caller left values as they were).
 */
import {
  PyNumber,
  PyObject,
  fromPlain,
  toPlain,
  type PlainJson,
  type PyEntry,
  type PyValue,
} from '../../../../shared/pyjson'

export interface LoadedState {
  /** What the caller got from loadFromFile / loadFromText. */
  readonly plain: PlainJson
  /** The same value as the file spells it. */
  readonly lossless: PyValue
}

export function loadedState(lossless: PyValue): LoadedState {
  return { plain: toPlain(lossless), lossless }
}

/**
 * The value to write for `given`: unchanged parts take the loaded file's spelling (`5.0` stays `5.0`, as Python's
 * float would), changed or new parts are written as their plain values. Python's `json.load` → `json.dump` keeps
 * a float a float; a JS number cannot, so the spelling comes from the file.
 */
export function stateToWrite(given: unknown, loaded: LoadedState | null): unknown {
  if (loaded === null || given === undefined) return given
  return withSpelling(given, loaded.lossless)
}

function withSpelling(given: unknown, original: PyValue | undefined): PyValue {
  if (given instanceof PyNumber || given instanceof PyObject || original === undefined)
    return fromPlain(given)
  if (typeof given === 'number')
    return original instanceof PyNumber && Object.is(original.valueOf(), given) ? original : given
  if (Array.isArray(given)) {
    const items = Array.isArray(original) ? original : []
    const out = given.map((item, i) => withSpelling(item, items[i]))
    return sameItems(out, items) ? items : out
  }
  if (given !== null && typeof given === 'object' && !(given instanceof Map)) {
    if (!(original instanceof PyObject)) return fromPlain(given)
    const entries: PyEntry[] = []
    for (const [key, value] of Object.entries(given))
      if (value !== undefined) entries.push([key, withSpelling(value, original.get(key))])
    return sameEntries(entries, original) ? original : PyObject.adopt(entries)
  }
  return fromPlain(given)
}

const sameItems = (a: readonly PyValue[], b: readonly PyValue[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i])

// The original object (duplicate keys included) is kept when every key is there, in its order, with its value.
function sameEntries(entries: readonly PyEntry[], original: PyObject): boolean {
  const keys = [...new Set(original.keys())]
  return (
    entries.length === keys.length &&
    entries.every(([key, value], i) => key === keys[i] && value === original.get(key))
  )
}
