import { describe, expect, it } from 'vitest'
import { ROW_WINDOW, type RowCache } from '../../stores/rowsStore'
import { row } from '../../testing/samples'
import { itemKeys } from './useMessageList'

function cache(fresh: number[], stale: number[]): RowCache {
  const windows: RowCache['windows'] = {}
  for (const n of [...fresh, ...stale])
    windows[n] = Array.from({ length: ROW_WINDOW }, (_, i) =>
      row(n * ROW_WINDOW + i, { id: 1000 + n * ROW_WINDOW + i }),
    )
  return {
    docId: 'd',
    query: {},
    total: 3 * ROW_WINDOW,
    windows,
    fresh: Object.fromEntries(fresh.map((n) => [n, true])),
    generation: 1,
    error: null,
  }
}

describe('itemKeys', () => {
  it('keys a fresh row by its message id, a stale or missing one by its position (never an id)', () => {
    const keyOf = itemKeys(cache([0], [1]))
    expect(keyOf(5)).toBe(1005)
    expect(keyOf(ROW_WINDOW + 5)).toBe(-1 - (ROW_WINDOW + 5))
    expect(keyOf(2 * ROW_WINDOW)).toBe(-1 - 2 * ROW_WINDOW)
    expect(keyOf(0)).toBe(1000)
    expect(itemKeys(undefined)(0)).toBe(-1)
  })
})
