import { AppError } from '../errors'

/** One contiguous replacement in a list: from `start`, the items `removed` give way to `inserted`. */
export interface ListSplice<T> {
  readonly start: number
  readonly removed: readonly T[]
  readonly inserted: readonly T[]
}

/**
 * Splices that all refer to positions in the list as it was before any of them, sorted by `start` and not
 * overlapping. Applying a patch takes one pass over the list however many splices it has, so deleting every other
 * message of a huge session costs no more than deleting one. A patch records only the items it touches.
 */
export type ListPatch<T> = readonly ListSplice<T>[]

/** The patch that takes the patched list back to the original. */
export function invertListPatch<T>(patch: ListPatch<T>): ListPatch<T> {
  let shift = 0
  return patch.map(({ start, removed, inserted }) => {
    const inverse = { start: start + shift, removed: inserted, inserted: removed }
    shift += inserted.length - removed.length
    return inverse
  })
}

/**
 * Applies `patch` to a new array (`list` is left as it is). Each splice must still find, by identity, the items it
 * removes: a patch recorded against another version of the list is refused with CONFLICT instead of scrambling it.
 */
export function applyListPatch<T>(list: readonly T[], patch: ListPatch<T>): T[] {
  const result: T[] = []
  let next = 0
  for (const { start, removed, inserted } of patch) {
    if (!Number.isInteger(start) || start < next || start + removed.length > list.length) {
      throw new AppError('CONFLICT', `A change at position ${start} does not fit a list of ${list.length}`)
    }
    removed.forEach((item, offset) => {
      if (list[start + offset] !== item) {
        throw new AppError('CONFLICT', `Position ${start + offset} no longer holds what this change expects`)
      }
    })
    for (let index = next; index < start; index += 1) result.push(list[index])
    for (const item of inserted) result.push(item)
    next = start + removed.length
  }
  for (let index = next; index < list.length; index += 1) result.push(list[index])
  return result
}

/**
 * A list being edited by a series of patches: reads see every patch applied so far, and the original is never
 * modified. `result` is the original itself until a patch changes something.
 */
export class ListDraft<T> {
  private items: readonly T[]

  constructor(original: readonly T[]) {
    this.items = original
  }

  get length(): number {
    return this.items.length
  }

  get result(): readonly T[] {
    return this.items
  }

  at(index: number): T {
    return this.items[index]
  }

  slice(start: number, end: number): T[] {
    return this.items.slice(start, end)
  }

  apply(patch: ListPatch<T>): void {
    if (patch.length > 0) this.items = applyListPatch(this.items, patch)
  }
}
