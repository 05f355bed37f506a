import type { PyNumber } from './pyNumber'

/**
 * A value as Python's `json` module sees it, kept losslessly (see PyNumber and PyObject). Declared with PyObject
 * because each is defined in terms of the other.
 */
export type PyValue = string | boolean | null | number | PyNumber | PyValue[] | PyObject

export type PyEntry = [key: string, value: PyValue]

/**
 * A JSON object as an ordered list of entries. Plain JS objects move integer-like keys to the front, so they cannot
 * hold a Python dict losslessly. Duplicate keys are kept as they appeared in the source; lookups see the last
 * occurrence, like Python's `json.loads`.
 */
export class PyObject {
  readonly entries: PyEntry[]

  constructor(entries: Iterable<PyEntry> = []) {
    this.entries = Array.from(entries, ([k, v]): PyEntry => [k, v])
  }

  /** Wraps an entry array without copying it (for parsers). */
  static adopt(entries: PyEntry[]): PyObject {
    const o = new PyObject()
    ;(o as { entries: PyEntry[] }).entries = entries
    return o
  }

  static from(record: Record<string, PyValue>): PyObject {
    return new PyObject(Object.entries(record))
  }

  get size(): number {
    return this.entries.length
  }

  get(key: string): PyValue | undefined {
    const i = this.lastIndexOf(key)
    return i < 0 ? undefined : this.entries[i][1]
  }

  has(key: string): boolean {
    return this.lastIndexOf(key) >= 0
  }

  /** Replaces the value in place (keeping the key's position) or appends a new entry. */
  set(key: string, value: PyValue): this {
    const i = this.lastIndexOf(key)
    if (i < 0) this.entries.push([key, value])
    else this.entries[i] = [key, value]
    return this
  }

  /** Removes every occurrence of the key. */
  delete(key: string): boolean {
    let removed = false
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i][0] === key) {
        this.entries.splice(i, 1)
        removed = true
      }
    }
    return removed
  }

  /** Keys in source order, duplicates included. */
  keys(): string[] {
    return this.entries.map((e) => e[0])
  }

  values(): PyValue[] {
    return this.entries.map((e) => e[1])
  }

  [Symbol.iterator](): IterableIterator<PyEntry> {
    return this.entries[Symbol.iterator]()
  }

  hasDuplicateKeys(): boolean {
    return new Set(this.keys()).size !== this.entries.length
  }

  private lastIndexOf(key: string): number {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i][0] === key) return i
    return -1
  }
}
