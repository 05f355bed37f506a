import { flexRender, type Header, type Row } from '@tanstack/react-table'
import type { AriaAttributes } from 'react'

/** `aria-sort` of a column header: its direction, 'none' when it can sort but does not, nothing when it cannot. */
export function ariaSortOf<T>(header: Header<T, unknown>): AriaAttributes['aria-sort'] {
  const sorted = header.column.getIsSorted()
  return sorted === 'asc'
    ? 'ascending'
    : sorted === 'desc'
      ? 'descending'
      : header.column.getCanSort()
        ? 'none'
        : undefined
}

/** A column header's label; a button toggling the sort (▲ ascending, ▼ descending) when the column sorts. */
export function SortableHeaderLabel<T>({ header }: { header: Header<T, unknown> }) {
  const sorted = header.column.getIsSorted()
  return header.column.getCanSort() ? (
    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
      {flexRender(header.column.columnDef.header, header.getContext())}
      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
    </button>
  ) : (
    flexRender(header.column.columnDef.header, header.getContext())
  )
}

/** The `<td>` cells of one table row, each classed `col-<column id>`. */
export function RowCells<T>({ row }: { row: Row<T> }) {
  return (
    <>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className={`col-${cell.column.id}`}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </>
  )
}
