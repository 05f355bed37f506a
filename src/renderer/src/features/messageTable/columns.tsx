import { createColumnHelper } from '@tanstack/react-table'
import type { MessageRow, RowSortColumn } from '../../../../shared/model/document'
import { formatCount, roleClass } from '../../lib/format'
import { FlagChips } from '../messageCard/flags'

/** A table row: its position in the sorted/filtered list, and the row once its window has arrived. */
export interface TableItem {
  position: number
  row: MessageRow | undefined
}

const column = createColumnHelper<TableItem>()

export const SORTABLE: Record<string, RowSortColumn | undefined> = {
  index: 'index',
  role: 'role',
  name: 'name',
  tokens: 'tokens',
  flags: 'flags',
}

export const COLUMNS = [
  column.accessor((item) => item.row?.index, {
    id: 'index',
    header: '#',
    cell: (info) => info.getValue() ?? '',
  }),
  column.accessor((item) => item.row?.role, {
    id: 'role',
    header: 'Role',
    cell: (info) => {
      const role = info.getValue()
      return role ? <span className={`role-badge ${roleClass(role)}`}>{role}</span> : null
    },
  }),
  column.accessor((item) => item.row?.name, {
    id: 'name',
    header: 'Name',
    cell: (info) => info.getValue() ?? '',
  }),
  column.accessor((item) => item.row, {
    id: 'preview',
    header: 'Preview',
    enableSorting: false,
    cell: (info) => {
      const row = info.getValue()
      if (!row) return <span className="muted">…</span>
      return (
        <>
          {row.toolCallNames.length > 0 ? (
            <span className="chip">ƒ {row.toolCallNames.join(', ')}</span>
          ) : null}
          {row.toolCallId ? <span className="chip">↩ {row.toolCallId}</span> : null} {row.preview}
        </>
      )
    },
  }),
  column.accessor((item) => item.row?.tokens, {
    id: 'tokens',
    header: 'Tokens',
    cell: (info) => {
      const tokens = info.getValue()
      return tokens === undefined ? '' : formatCount(tokens)
    },
  }),
  column.accessor((item) => item.row?.flags, {
    id: 'flags',
    header: 'Flags',
    cell: (info) => <FlagChips flags={info.getValue() ?? []} />,
  }),
]
