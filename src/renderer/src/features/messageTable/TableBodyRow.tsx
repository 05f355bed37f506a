import { flexRender, type Row } from '@tanstack/react-table'
import { memo, type MouseEvent } from 'react'
import { countRender } from '../../lib/renderCounts'
import type { TableItem } from './columns'

interface Props {
  /** TanStack's row: a new object on every render of the table, so not compared (see `sameRow`). */
  tableRow: Row<TableItem>
  position: number
  start: number
  height: number
  selected: boolean
  onClick(event: MouseEvent, position: number): void
  onToggleExpanded(messageId: number): void
}

/**
 * The same message at the same place, selected or not: nothing to draw again. The table re-renders on every scroll
 * step and on every window of rows that arrives; only the rows that changed should.
 */
const sameRow = (a: Props, b: Props): boolean =>
  a.tableRow.original.row === b.tableRow.original.row &&
  a.position === b.position &&
  a.start === b.start &&
  a.height === b.height &&
  a.selected === b.selected &&
  a.onClick === b.onClick &&
  a.onToggleExpanded === b.onToggleExpanded

/** One row of the message table, its cells drawn by the table's columns. */
export const TableBodyRow = memo(function TableBodyRow(props: Props) {
  const { tableRow, position, start, height, selected, onClick, onToggleExpanded } = props
  countRender('TableBodyRow')
  const row = tableRow.original.row
  return (
    <div
      role="row"
      aria-rowindex={position + 2}
      aria-selected={selected}
      className={`grid-row body-row ${selected ? 'selected' : ''} ${row?.flags.length ? 'flagged' : ''}`}
      style={{ height, transform: `translateY(${start}px)` }}
      onMouseDown={(event) => {
        if (event.shiftKey) event.preventDefault()
      }}
      onClick={(event) => onClick(event, position)}
      onDoubleClick={() => row && onToggleExpanded(row.id)}
    >
      {tableRow.getVisibleCells().map((cell) => (
        <div role="cell" key={cell.id} className={`grid-cell col-${cell.column.id}`}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  )
}, sameRow)
