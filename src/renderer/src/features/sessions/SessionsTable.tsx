import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table'
import { useCallback, useMemo } from 'react'
import type { SessionInfo } from '../../../../shared/model/session'
import { RowCells } from '../../components/tableParts'
import { formatCount } from '../../lib/format'
import { formatIso } from './sessionFormat'
import { useSessions, useStores } from '../../stores/StoresContext'
import { StatusChip, TagChips } from './chips'

const column = createColumnHelper<SessionInfo>()

function useColumns(onOpen: (id: string) => void) {
  return useMemo(
    () => [
      column.accessor((row) => row.metadata.session_id, {
        id: 'session',
        header: 'Session',
        cell: (info) => (
          <button type="button" className="link session-link" onClick={() => onOpen(info.getValue())}>
            {info.getValue()}
          </button>
        ),
      }),
      column.accessor((row) => row.metadata.user_id ?? '', { id: 'user', header: 'User' }),
      column.accessor((row) => row.metadata.agent_id ?? '', { id: 'agent', header: 'Agent' }),
      column.accessor((row) => row.metadata.status, {
        id: 'status',
        header: 'Status',
        cell: (info) => <StatusChip status={info.getValue()} />,
      }),
      column.accessor('messageCount', { header: 'Messages', cell: (info) => formatCount(info.getValue()) }),
      column.accessor((row) => row.metadata.tags, {
        id: 'tags',
        header: 'Tags',
        cell: (info) => <TagChips tags={info.getValue()} />,
      }),
      column.accessor((row) => row.metadata.created_at, {
        id: 'created',
        header: 'Created',
        cell: (info) => <span title={info.getValue()}>{formatIso(info.getValue())}</span>,
      }),
      column.accessor((row) => row.metadata.updated_at, {
        id: 'updated',
        header: 'Updated',
        cell: (info) => <span title={info.getValue()}>{formatIso(info.getValue())}</span>,
      }),
    ],
    [onOpen],
  )
}

/**
 * One page of sessions as main ordered it. Only "Updated" sorts: main orders by it, and sorting one page of many
 * by anything else here would misrepresent the store.
 */
export function SessionsTable() {
  const { sessions: store, documents } = useStores()
  const sessions = useSessions((state) => state.list?.sessions)
  const openSession = useCallback((id: string) => void documents.getState().openSession(id), [documents])
  const newestFirst = useSessions((state) => state.query.newestFirst)
  const filtered = useSessions((state) => state.query.userId.trim() !== '' || state.query.status !== null)
  const data = useMemo(() => sessions ?? [], [sessions])
  const columns = useColumns(openSession)
  const table = useReactTable({
    data,
    columns,
    enableSorting: false,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.metadata.session_id,
  })
  return (
    <div className="table-scroll sessions-table">
      <table className="data-table" aria-label="Sessions">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) =>
                header.id === 'updated' ? (
                  <th key={header.id} scope="col" aria-sort={newestFirst ? 'descending' : 'ascending'}>
                    <button
                      type="button"
                      className="sort-button"
                      title={
                        newestFirst ? 'Newest first: show oldest first' : 'Oldest first: show newest first'
                      }
                      onClick={() => store.getState().setNewestFirst(!newestFirst)}
                    >
                      Updated<span aria-hidden="true">{newestFirst ? ' ▼' : ' ▲'}</span>
                    </button>
                  </th>
                ) : (
                  <th key={header.id} scope="col">
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ),
              )}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              <RowCells row={row} />
            </tr>
          ))}
        </tbody>
      </table>
      {data.length === 0 ? (
        <p className="empty-state">
          {filtered ? 'No session matches these filters.' : 'The session store has no sessions yet.'}
        </p>
      ) : null}
    </div>
  )
}
