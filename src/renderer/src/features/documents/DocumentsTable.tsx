import {
  createColumnHelper,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import { describeLintCounts, type DocumentSummary } from '../../../../shared/model/document'
import { SearchInput } from '../../components/inputs'
import { ariaSortOf, RowCells, SortableHeaderLabel } from '../../components/tableParts'
import { formatBytes, formatCount, formatDate, formatRoles } from '../../lib/format'
import { useDocuments, useStores } from '../../stores/StoresContext'

const column = createColumnHelper<DocumentSummary>()

function statusText(summary: DocumentSummary): string {
  if (summary.status === 'error') return 'cannot be parsed'
  if (summary.notAMemory) return 'not a MARSYS memory'
  const parts: string[] = []
  if (summary.indexing) parts.push('indexing…')
  if (!summary.marsysLoadable) parts.push("MARSYS can't load")
  // The lint panel's own count (info is not a problem), as the document's Lint button shows it.
  const { error, warning } = summary.lint
  if (error + warning > 0) parts.push(describeLintCounts({ error, warning, info: 0 }))
  return parts.length > 0 ? parts.join(', ') : 'ok'
}

/** A cell that stays on one line and ends in "…" when its column is narrower; the whole text is its tooltip. */
function Truncated({
  text,
  title = text,
  className = '',
}: {
  text: string
  title?: string
  className?: string
}) {
  return (
    <span className={`truncate ${className}`} title={title}>
      {text}
    </span>
  )
}

/**
 * The columns that matter first (name, status, messages, tokens, modified), so they fit a 1,024 px window; the
 * rest follow, each on one line, with the path last, taking what width is left.
 */
function useColumns(onOpen: (id: string) => void) {
  return useMemo(
    () => [
      column.accessor('name', {
        header: 'Name',
        cell: (info) => (
          <button
            type="button"
            className="link doc-link truncate"
            title={info.row.original.path}
            onClick={() => onOpen(info.row.original.id)}
          >
            {info.getValue()}
          </button>
        ),
      }),
      column.accessor(statusText, {
        id: 'status',
        header: 'Status',
        cell: (info) => (
          <Truncated
            text={info.getValue()}
            title={info.row.original.notAMemory ?? info.getValue()}
            className={info.row.original.status === 'error' ? 'severity-error' : ''}
          />
        ),
      }),
      column.accessor('messageCount', { header: 'Messages', cell: (info) => formatCount(info.getValue()) }),
      column.accessor('marsysTokens', {
        header: 'MARSYS tokens',
        cell: (info) => formatCount(info.getValue()),
      }),
      column.accessor('modifiedMs', { header: 'Modified', cell: (info) => formatDate(info.getValue()) }),
      column.accessor((doc) => formatRoles(doc.roles), {
        id: 'roles',
        header: 'Roles',
        enableSorting: false,
        cell: (info) => <Truncated text={info.getValue()} />,
      }),
      column.accessor('toolCalls', {
        header: 'Tool calls',
        cell: (info) => {
          const doc = info.row.original
          return (
            <>
              {formatCount(doc.toolCalls)}
              {doc.unansweredToolCalls > 0 ? (
                <span className="chip severity-warning">{doc.unansweredToolCalls} unanswered</span>
              ) : null}
              {doc.orphanToolResults > 0 ? (
                <span className="chip severity-warning">
                  {doc.orphanToolResults} orphan result{doc.orphanToolResults === 1 ? '' : 's'}
                </span>
              ) : null}
            </>
          )
        },
      }),
      column.accessor((doc) => doc.memoryType ?? '', {
        id: 'memoryType',
        header: 'memory_type',
        cell: (info) => <Truncated text={info.getValue()} />,
      }),
      column.accessor('bytes', { header: 'Size', cell: (info) => formatBytes(info.getValue()) }),
      column.accessor('path', {
        header: 'Path',
        cell: (info) => <Truncated text={info.getValue()} className="muted path-cell" />,
      }),
    ],
    [onOpen],
  )
}

/** The open documents with their numbers; sorted and filtered here (it lists documents, not messages). */
export function DocumentsTable() {
  const { documents } = useStores()
  const summaries = useDocuments((state) => state.summaries)
  const order = useDocuments((state) => state.order)
  const data = useMemo(() => order.map((id) => summaries[id]).filter(Boolean), [order, summaries])
  const [sorting, setSorting] = useState<SortingState>([])
  const [filter, setFilter] = useState('')
  const columns = useColumns(documents.getState().activate)
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: 'includesString',
    sortDescFirst: false,
    getRowId: (doc) => doc.id,
  })
  const rows = table.getRowModel().rows
  return (
    <div className="documents-table">
      <div className="table-toolbar">
        <SearchInput
          label="Filter documents"
          placeholder="Filter documents…"
          value={filter}
          onChange={setFilter}
        />
        <span className="muted" role="status">
          {rows.length === data.length ? `${data.length} open` : `${rows.length} of ${data.length}`}
        </span>
      </div>
      <div className="table-scroll">
        <table className="data-table" aria-label="Documents">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    scope="col"
                    className={`col-${header.column.id}`}
                    aria-sort={ariaSortOf(header)}
                  >
                    <SortableHeaderLabel header={header} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.original.status === 'error' ? 'error-row' : ''}>
                <RowCells row={row} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
