import './messageTable.css'
import { getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table'
import { useCallback, useEffect, useMemo, type MouseEvent } from 'react'
import type { RowQuery } from '../../../../shared/model/document'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { ariaSortOf, SortableHeaderLabel } from '../../components/tableParts'
import { formatCount } from '../../lib/format'
import { normalizeQuery, type TableQuery } from '../../stores/rowsStore'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'
import { viewOf } from '../../stores/viewStore'
import { MessageCard } from '../messageCard/MessageCard'
import { useMessageList } from '../messageList/useMessageList'
import { useHighlightPattern } from '../shared/useHighlightPattern'
import { COLUMNS, SORTABLE, type TableItem } from './columns'
import { resolveJumpPosition } from './resolveJump'
import { TableBodyRow } from './TableBodyRow'
import { TableFilters } from './TableFilters'

export const ROW_HEIGHT = 28

type Filter = NonNullable<RowQuery['filter']>

function toSorting(sort: RowQuery['sort']): SortingState {
  return sort ? [{ id: sort.column, desc: sort.descending }] : []
}

/** Messages as rows of fixed height: sorting and filtering run in main, windows of rows load as the table scrolls. */
export function MessageTableView({ docId }: { docId: string }) {
  const stores = useStores()
  const sort = useView((state) => viewOf(state, docId).sort)
  const filter = useView((state) => viewOf(state, docId).filter)
  const selected = useView((state) => viewOf(state, docId).selected)
  const multi = useView((state) => viewOf(state, docId).multi)
  const expanded = useView((state) => viewOf(state, docId).expanded)
  const markdown = useView((state) => viewOf(state, docId).markdown)
  const roles = useDocuments((state) => state.summaries[docId]?.roles)
  const messageCount = useDocuments((state) => state.summaries[docId]?.messageCount ?? 0)
  const query: TableQuery = useMemo(() => normalizeQuery({ sort, filter }), [sort, filter])
  const pattern = useHighlightPattern(docId)
  const positionOf = useCallback(
    (index: number) => resolveJumpPosition(stores.client, docId, index, query),
    [stores, docId, query],
  )
  const list = useMessageList({
    docId,
    query,
    estimateSize: ROW_HEIGHT,
    // Rows have a fixed height: a few beyond the edges are enough, each one more is DOM work on every scroll step.
    overscan: 5,
    positionOf,
    fixedSize: true,
  })
  const { cache, total, items, virtualizer } = list

  // The query changed: the rows are in another order, start from the top.
  useEffect(() => {
    virtualizer.scrollToOffset(0)
  }, [query, virtualizer])

  const data: TableItem[] = useMemo(
    () => items.map((item) => ({ position: item.index, row: list.row(item.index) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- list.row reads `cache`
    [items, cache],
  )
  const sorting = useMemo(() => toSorting(sort), [sort])
  const table = useReactTable({
    data,
    columns: COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    // The table never paginates; its data changes on every scroll, which must not reset anything.
    autoResetAll: false,
    enableSortingRemoval: true,
    sortDescFirst: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater
      const column = next[0] ? SORTABLE[next[0].id] : undefined
      stores.view.getState().patch(docId, { sort: column ? { column, descending: next[0].desc } : undefined })
    },
    getRowId: (item) => String(item.row?.id ?? `at${item.position}`),
  })

  /** A click on a row: select it alone, Ctrl/Cmd adds or removes it, Shift selects the rows from the anchor. */
  const { selectAt } = list
  const onRowClick = useCallback(
    (event: MouseEvent, position: number): void =>
      selectAt(position, event.ctrlKey || event.metaKey ? 'toggle' : event.shiftKey ? 'range' : 'only'),
    [selectAt],
  )

  const onFilter = useCallback(
    (next: Filter) => stores.view.getState().patch(docId, { filter: next }),
    [stores, docId],
  )
  // The pane shows the current message: a click in it keeps a multi-selection as it is.
  const onSelectCard = useCallback(
    (messageId: number) => {
      if (viewOf(stores.view.getState(), docId).selected !== messageId)
        stores.view.getState().select(docId, messageId)
    },
    [stores, docId],
  )
  const onToggleExpanded = useCallback(
    (messageId: number) => stores.view.getState().toggleExpanded(docId, messageId),
    [stores, docId],
  )
  const onJump = useCallback((index: number) => stores.view.getState().jumpTo(docId, index), [stores, docId])
  const roleNames = useMemo(() => Object.keys(roles ?? {}).sort(), [roles])
  const rows = table.getRowModel().rows
  const filtered = query.filter !== undefined

  return (
    <div className="table-view">
      <div className="table-toolbar">
        <TableFilters roles={roleNames} filter={filter} onChange={onFilter} />
        <span className="muted" role="status">
          {filtered
            ? `${formatCount(total)} of ${formatCount(messageCount)} messages`
            : `${formatCount(total)} messages`}
        </span>
      </div>
      <div
        ref={list.scrollRef}
        className="grid-scroll"
        tabIndex={0}
        onKeyDown={list.onKeyDown}
        role="table"
        aria-label="Messages"
        aria-rowcount={total + 1}
        aria-busy={cache?.total === null || cache === undefined}
      >
        <div role="rowgroup" className="grid-head">
          {table.getHeaderGroups().map((group) => (
            <div role="row" aria-rowindex={1} className="grid-row" key={group.id}>
              {group.headers.map((header) => (
                <div
                  role="columnheader"
                  key={header.id}
                  className={`grid-cell col-${header.id}`}
                  aria-sort={ariaSortOf(header)}
                >
                  <SortableHeaderLabel header={header} />
                </div>
              ))}
            </div>
          ))}
        </div>
        {cache?.error ? (
          <p role="alert" className="render-error">
            Could not load rows: {cache.error}
          </p>
        ) : null}
        <div role="rowgroup" className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((tableRow, i) => {
            const item = items[i]
            const messageId = tableRow.original.row?.id
            return (
              <TableBodyRow
                key={list.keyOf(item.index)}
                tableRow={tableRow}
                position={item.index}
                start={item.start}
                height={ROW_HEIGHT}
                selected={messageId !== undefined && (messageId === selected || multi.includes(messageId))}
                onClick={onRowClick}
                onToggleExpanded={onToggleExpanded}
              />
            )
          })}
        </div>
      </div>
      <section className="detail-pane" aria-label="Selected message">
        {selected === null ? (
          <p className="empty-state">Select a row to see the message. ↑/↓ move, Enter shows its raw JSON.</p>
        ) : (
          <ErrorBoundary what="the selected message" resetKey={selected}>
            <MessageCard
              key={selected}
              docId={docId}
              index={0}
              messageId={selected}
              selected
              expanded={expanded[selected] === true}
              markdown={markdown}
              pattern={pattern}
              onSelect={onSelectCard}
              onToggleExpanded={onToggleExpanded}
              onJump={onJump}
            />
          </ErrorBoundary>
        )}
      </section>
    </div>
  )
}
