import type {
  CompareMessage,
  CompareRow,
  CompareRowKind,
  CompareSummary,
  CompareWindow,
} from '../../../shared/domains/compare/model'
import { messageFacts, previewOf } from '../conversations/index/messageFacts'
import { ROW_ADDED, ROW_CHANGED, ROW_REMOVED, ROW_SAME, type AlignedRows } from './alignRows'
import { diffMessages } from './messageDiff'
import type { ComparedSide } from './sides'

const KIND_NAMES: Record<number, CompareRowKind> = {
  [ROW_SAME]: 'same',
  [ROW_CHANGED]: 'changed',
  [ROW_REMOVED]: 'removed',
  [ROW_ADDED]: 'added',
}

/**
 * A finished comparison kept in main: the aligned rows as typed arrays (a few bytes per message), read in windows.
 * Message text is read from the sides only for the rows asked for, and each row's diff is bounded.
 */
export class Comparison {
  /** Row numbers of the rows that are not `same`, ascending. */
  readonly changeRows: Int32Array
  private readonly counts: Record<CompareRowKind, number> = { same: 0, changed: 0, removed: 0, added: 0 }

  constructor(
    readonly id: string,
    private readonly left: ComparedSide,
    private readonly right: ComparedSide,
    private readonly rows: AlignedRows,
  ) {
    const changes: number[] = []
    rows.kinds.forEach((kind, row) => {
      this.counts[KIND_NAMES[kind]]++
      if (kind !== ROW_SAME) changes.push(row)
    })
    this.changeRows = Int32Array.from(changes)
  }

  summary(): CompareSummary {
    return {
      compareId: this.id,
      left: { label: this.left.label, count: this.left.count },
      right: { label: this.right.label, count: this.right.count },
      rows: this.rows.kinds.length,
      changes: this.changeRows.length,
      ...this.counts,
      approximate: this.rows.approximate,
    }
  }

  /** Rows [offset, offset + limit) of all rows, or of the differing rows only. */
  window(offset: number, limit: number, changesOnly = false): CompareWindow {
    this.left.checkUnchanged()
    this.right.checkUnchanged()
    const total = changesOnly ? this.changeRows.length : this.rows.kinds.length
    const rows: CompareRow[] = []
    for (let k = offset; k < Math.min(total, offset + limit); k++)
      rows.push(this.row(changesOnly ? this.changeRows[k] : k))
    return { total, rows }
  }

  /** The first differing row after `from` (or before it), and which change that is (0-based). */
  step(from: number, direction: 'next' | 'previous'): { row: number | null; change: number | null } {
    // First change row > from.
    let low = 0
    let high = this.changeRows.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.changeRows[mid] > from) high = mid
      else low = mid + 1
    }
    let change = low
    if (direction === 'previous') {
      change = low - 1
      if (change >= 0 && this.changeRows[change] === from) change--
    }
    if (change < 0 || change >= this.changeRows.length) return { row: null, change: null }
    return { row: this.changeRows[change], change }
  }

  private row(row: number): CompareRow {
    const kind = this.rows.kinds[row]
    const leftIndex = this.rows.left[row]
    const rightIndex = this.rows.right[row]
    const leftPlain = leftIndex >= 0 ? this.left.plain(leftIndex) : undefined
    const rightPlain = rightIndex >= 0 ? this.right.plain(rightIndex) : undefined
    const base: CompareRow = {
      row,
      kind: KIND_NAMES[kind],
      left: leftIndex >= 0 ? messageOf(leftIndex, leftPlain) : null,
      right: rightIndex >= 0 ? messageOf(rightIndex, rightPlain) : null,
    }
    if (kind === ROW_SAME) return base
    const diff = diffMessages(leftPlain, rightPlain, { left: leftIndex >= 0, right: rightIndex >= 0 })
    return { ...base, lines: diff.lines, ...(diff.truncated ? { truncated: true } : {}) }
  }
}

const messageOf = (index: number, plain: unknown): CompareMessage => ({
  index,
  role: messageFacts(plain).role,
  preview: previewOf(plain),
})
