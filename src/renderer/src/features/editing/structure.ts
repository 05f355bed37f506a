/**
 * Where the selection goes after a structural edit, computed the way main applies the edit, so the same messages
 * stay selected (moves, duplicates) or the cursor lands next to what is gone (deletes).
 */
export interface SelectionAfter {
  indices: number[]
  focus: number | null
}

const sortedUnique = (indices: number[]): number[] => [...new Set(indices)].sort((a, b) => a - b)

export function afterDelete(indices: number[], count: number): SelectionAfter {
  const sorted = sortedUnique(indices)
  const remaining = count - sorted.length
  if (remaining <= 0 || sorted.length === 0) return { indices: [], focus: null }
  const focus = Math.min(sorted[0], remaining - 1)
  return { indices: [focus], focus }
}

/** Main moves the block one step; a message at the edge, or blocked by another selected one, stays. */
export function afterMove(indices: number[], direction: 'up' | 'down', count: number): number[] {
  const selected = new Set(sortedUnique(indices))
  const sequence = direction === 'up' ? [...selected] : [...selected].reverse()
  const step = direction === 'up' ? -1 : 1
  for (const index of sequence) {
    const other = index + step
    if (other < 0 || other >= count || selected.has(other)) continue
    selected.delete(index)
    selected.add(other)
  }
  return sortedUnique([...selected])
}

/** Whether a move would change anything (false at the top for up, at the bottom for down). */
export function canMove(indices: number[], direction: 'up' | 'down', count: number): boolean {
  const before = sortedUnique(indices)
  const after = afterMove(before, direction, count)
  return before.length > 0 && after.some((index, i) => index !== before[i])
}

/** Each copy lands right after its original; earlier copies push later ones down. */
export function afterDuplicate(indices: number[]): SelectionAfter {
  const copies = sortedUnique(indices).map((index, i) => index + i + 1)
  return { indices: copies, focus: copies[copies.length - 1] ?? null }
}
