import './messageTable.css'
import { flexRender, getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import type { RowQuery } from '../../../../shared/model/document'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { ariaSortOf, SortableHeaderLabel } from '../../components/tableParts'
import { formatCount } from '../../lib/format'
import { cacheKey, normalizeQuery, rowAt, type TableQuery } from '../../stores/rowsStore'
import { useDocuments, useRows, useStores, useView } from '../../stores/StoresContext'
import { viewOf } from '../../stores/viewStore'
import { MessageCard } from '../messageCard/MessageCard'
import { isControl, isInsideEditor, isTypingTarget } from '../shared/keys'
import { useHighlightPattern } from '../shared/useHighlightPattern'
import { COLUMNS, SORTABLE, type TableItem } from './columns'
import { resolveJumpPosition } from './resolveJump'
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
  const jump = useView((state) => state.jump)
  const roles = useDocuments((state) => state.summaries[docId]?.roles)
  const messageCount = useDocuments((state) => state.summaries[docId]?.messageCount ?? 0)
  const query: TableQuery = useMemo(() => normalizeQuery({ sort, filter }), [sort, filter])
  const cache = useRows((state) => state.caches[cacheKey(docId, query)])
  const total = cache?.total ?? 0
  const pattern = useHighlightPattern(docId)
  const scrollRef = useRef<HTMLDivElement>(null)
  const [selectedPosition, setSelectedPosition] = useState<number | null>(null)
  /** Where a Shift+click range starts, as a position in the sorted/filtered rows. */
  const anchorPosition = useRef<number | null>(null)

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0

  useEffect(() => {
    stores.rows.getState().ensure(docId, query, first, last + 1)
  }, [stores, docId, query, first, last, cache?.generation, cache?.total])

  // The query changed: positions mean something else now.
  useEffect(() => {
    setSelectedPosition(null)
    anchorPosition.current = null
    virtualizer.scrollToOffset(0)
  }, [query, virtualizer])

  useEffect(() => {
    if (!jump || jump.docId !== docId) return
    let cancelled = false
    resolveJumpPosition(stores.client, docId, jump.index, query).then(
      (position) => {
        if (cancelled) return
        stores.view.getState().consumeJump(jump.nonce)
        if (position === null) {
          stores.notices.getState().push({
            level: 'info',
            message: `Message #${jump.index} is hidden by the table's filter; clear the filter to see it.`,
          })
          return
        }
        setSelectedPosition(position)
        virtualizer.scrollToIndex(position, { align: 'center' })
      },
      (error: unknown) => {
        if (cancelled) return
        stores.view.getState().consumeJump(jump.nonce)
        stores.notices.getState().pushError(error, `Could not find message #${jump.index} in the table`)
      },
    )
    return () => {
      cancelled = true
    }
  }, [jump, docId, query, stores, virtualizer])

  const data: TableItem[] = useMemo(
    () => items.map((item) => ({ position: item.index, row: rowAt(cache, item.index) })),
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
    getRowId: (item) => String(item.position),
  })

  // A row selected by keyboard before its window arrived (End on a long table) is selected once it is here.
  const pendingSelect = useRef<number | null>(null)
  useEffect(() => {
    const position = pendingSelect.current
    const row = position === null ? undefined : rowAt(cache, position)
    if (row) {
      pendingSelect.current = null
      stores.view.getState().select(docId, row.index)
    }
  }, [cache, stores, docId])

  const selectAt = (position: number): void => {
    if (position < 0 || position >= total) return
    anchorPosition.current = position
    setSelectedPosition(position)
    virtualizer.scrollToIndex(position, { align: 'auto' })
    const row = rowAt(cache, position)
    if (row) stores.view.getState().select(docId, row.index)
    else pendingSelect.current = position
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isTypingTarget(event.target) || isInsideEditor(event.target)) return
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const current = selectedPosition ?? -1
    switch (event.key) {
      case 'ArrowDown':
        selectAt(Math.min(total - 1, current + 1))
        break
      case 'ArrowUp':
        selectAt(Math.max(0, current - 1))
        break
      case 'Home':
        selectAt(0)
        break
      case 'End':
        selectAt(total - 1)
        break
      case 'Enter':
        if (isControl(event.target) || selected === null) return
        stores.view.getState().toggleExpanded(docId, selected)
        break
      default:
        return
    }
    event.preventDefault()
  }

  /** A click on a row: select it alone, Ctrl/Cmd adds or removes it, Shift selects the rows from the anchor. */
  const onRowClick = (event: MouseEvent, position: number, messageIndex: number): void => {
    const view = stores.view.getState()
    setSelectedPosition(position)
    if (event.ctrlKey || event.metaKey) {
      anchorPosition.current = position
      view.toggleInSelection(docId, messageIndex)
    } else if (event.shiftKey && anchorPosition.current !== null) {
      const [from, to] =
        anchorPosition.current < position
          ? [anchorPosition.current, position]
          : [position, anchorPosition.current]
      const indices: number[] = []
      for (let p = from; p <= to; p++) {
        const row = rowAt(cache, p)
        if (row) indices.push(row.index)
      }
      view.selectRange(docId, indices, messageIndex)
    } else {
      anchorPosition.current = position
      view.select(docId, messageIndex)
    }
    scrollRef.current?.focus({ preventScroll: true })
  }

  const onFilter = useCallback(
    (next: Filter) => stores.view.getState().patch(docId, { filter: next }),
    [stores, docId],
  )
  // The pane shows the current message: a click in it keeps a multi-selection as it is.
  const onSelectCard = useCallback(
    (index: number) => {
      if (viewOf(stores.view.getState(), docId).selected !== index)
        stores.view.getState().select(docId, index)
    },
    [stores, docId],
  )
  const onToggleExpanded = useCallback(
    (index: number) => stores.view.getState().toggleExpanded(docId, index),
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
        ref={scrollRef}
        className="grid-scroll"
        tabIndex={0}
        onKeyDown={onKeyDown}
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
            const messageIndex = tableRow.original.row?.index
            const isSelected =
              messageIndex !== undefined && (messageIndex === selected || multi.includes(messageIndex))
            return (
              <div
                role="row"
                key={item.key}
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={`grid-row body-row ${isSelected ? 'selected' : ''} ${tableRow.original.row?.flags.length ? 'flagged' : ''}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onMouseDown={(event) => {
                  if (event.shiftKey) event.preventDefault()
                }}
                onClick={(event) => messageIndex !== undefined && onRowClick(event, item.index, messageIndex)}
                onDoubleClick={() =>
                  messageIndex !== undefined && stores.view.getState().toggleExpanded(docId, messageIndex)
                }
              >
                {tableRow.getVisibleCells().map((cell) => (
                  <div role="cell" key={cell.id} className={`grid-cell col-${cell.column.id}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            )
          })}
        </div>
      </div>
      <section className="detail-pane" aria-label="Selected message">
        {selected === null ? (
          <p className="empty-state">Select a row to see the message. ↑/↓ move, Enter shows its raw JSON.</p>
        ) : (
          <ErrorBoundary what={`message ${selected}`} resetKey={selected}>
            <MessageCard
              docId={docId}
              index={selected}
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
