import { useVirtualizer, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type RefObject } from 'react'
import type { MessageRow } from '../../../../shared/model/document'
import { cacheKey, ROW_WINDOW, rowAt, type RowCache, type TableQuery } from '../../stores/rowsStore'
import { useRows, useStores, useView } from '../../stores/StoresContext'
import { viewOf } from '../../stores/viewStore'
import type { SelectHow } from '../messageCard/MessageCard'
import { isControl, isInsideEditor, isTypingTarget } from '../shared/keys'
import { actionForKey } from '../shortcuts/appActions'
import { useFollowTarget } from '../shared/useFollowTarget'

type Align = 'auto' | 'start' | 'center' | 'end'

export interface MessageListOptions {
  docId: string
  query: TableQuery
  estimateSize: number
  overscan: number
  /** Where message `index` is in this list (its sort and filter), or null when filtered out. */
  positionOf(index: number): Promise<number | null> | number | null
  /** Remember the scroll position under this key while the tab is away. */
  memoryKey?: string
  /**
   * Every item is `estimateSize` tall (never measured): the virtualizer then keys items by position, so it never
   * lays out every item again as windows of rows arrive; render items with `keyOf` instead of `item.key`.
   */
  fixedSize?: boolean
}

export interface MessageList {
  scrollRef: RefObject<HTMLDivElement | null>
  virtualizer: Virtualizer<HTMLDivElement, Element>
  items: VirtualItem[]
  cache: RowCache | undefined
  total: number
  row(position: number): MessageRow | undefined
  /** The React key of the item at `position`: its message id once its row is here and fresh (see `itemKeys`). */
  keyOf(position: number): number
  /** Selects by a click on the row at `position`: alone, toggled (Ctrl/Cmd) or as a range from the anchor (Shift). */
  selectAt(position: number, how?: SelectHow): void
  /** The same for a click on the message with `messageId` (a card); the function stays the same as rows arrive. */
  selectMessage(messageId: number, how?: SelectHow): void
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void
}

/** Where the message with `id` is among the loaded rows of `cache`, or -1. */
export function positionOfId(cache: RowCache | undefined, id: number | null): number {
  if (!cache || id === null) return -1
  for (const [n, rows] of Object.entries(cache.windows)) {
    const i = rows.findIndex((row) => row.id === id)
    if (i >= 0) return Number(n) * ROW_WINDOW + i
  }
  return -1
}

/**
 * The virtualizer's item keys: a row fetched since the last change is keyed by its message id; a stale one (shown
 * while its window is fetched again) or a missing one by its position, as `-1 - position` (ids are ≥ 0), so a
 * message never has two keys on screen.
 */
export function itemKeys(cache: RowCache | undefined): (position: number) => number {
  return (position) => {
    const n = Math.floor(position / ROW_WINDOW)
    const id = cache?.fresh[n] ? cache.windows[n]?.[position % ROW_WINDOW]?.id : undefined
    return id ?? -1 - position
  }
}

const byPosition = (position: number): number => position

/**
 * One virtual list of a document's messages, for the timeline and the table alike: windows of rows fetched from
 * main as it scrolls (and one window ahead), items keyed by message id so a card or row stays with its message
 * when others are inserted or deleted, selection by id, keyboard moves, and jumps to a message by position.
 */
export function useMessageList(options: MessageListOptions): MessageList {
  const { docId, query, estimateSize, overscan, positionOf, memoryKey, fixedSize = false } = options
  const stores = useStores()
  const cache = useRows((state) => state.caches[cacheKey(docId, query)])
  const total = cache?.total ?? 0
  const jump = useView((state) => state.jump)
  const scrollRef = useRef<HTMLDivElement>(null)
  const memory = memoryKey ? stores.view.getState().scroll.get(memoryKey) : undefined
  const cacheRef = useRef(cache)
  useEffect(() => {
    cacheRef.current = cache
  })

  // The virtualizer lays out every item again (all 100,000 of them) whenever its getItemKey changes, so this
  // changes only when the rows do, and a list of fixed-size items does not give it to the virtualizer at all.
  const keyOf = useMemo(() => itemKeys(cache), [cache])
  const getItemKey = fixedSize ? byPosition : keyOf
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    overscan,
    // Re-rendering synchronously on every scroll event makes fast scrolling stutter; a frame later is fine.
    useFlushSync: false,
    getItemKey,
    initialOffset: memory?.offset,
    initialMeasurementsCache: memory?.measurements as VirtualItem[] | undefined,
  })
  const follow = useFollowTarget(virtualizer, scrollRef)
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0

  // The rows on screen, and the next window in each direction, so scrolling rarely meets an empty row.
  useEffect(() => {
    stores.rows.getState().ensure(docId, query, first - ROW_WINDOW / 2, last + 1 + ROW_WINDOW / 2)
  }, [stores, docId, query, first, last, cache?.generation, cache?.total])

  // Remember where we were, to come back to it when the tab is shown again.
  const virtualizerRef = useRef(virtualizer)
  useEffect(() => {
    virtualizerRef.current = virtualizer
  })
  useEffect(() => {
    if (!memoryKey) return
    const scroll = stores.view.getState().scroll
    return () => {
      const v = virtualizerRef.current
      scroll.set(memoryKey, { offset: v.scrollOffset ?? 0, measurements: v.measurementsCache })
    }
  }, [stores, memoryKey])

  /** A position whose row has not arrived yet: selected as soon as it is here. */
  const pendingSelect = useRef<number | null>(null)
  useEffect(() => {
    const position = pendingSelect.current
    const row = position === null ? undefined : rowAt(cache, position)
    if (row && cache?.fresh[Math.floor(position! / ROW_WINDOW)]) {
      pendingSelect.current = null
      stores.view.getState().select(docId, row.id)
    }
  }, [cache, stores, docId])

  const selectPosition = useCallback(
    (position: number): void => {
      const current = cacheRef.current
      const row = rowAt(current, position)
      if (row && current?.fresh[Math.floor(position / ROW_WINDOW)]) {
        pendingSelect.current = null
        stores.view.getState().select(docId, row.id)
      } else pendingSelect.current = position
    },
    [stores, docId],
  )

  const goTo = useCallback(
    (position: number, align: Align = 'auto'): void => {
      if (total === 0) return
      const clamped = Math.max(0, Math.min(total - 1, position))
      selectPosition(clamped)
      follow(clamped, align)
    },
    [total, selectPosition, follow],
  )

  useEffect(() => {
    // A tab just opened (a whole-store search hit) has no rows yet: the jump waits for them.
    if (!jump || jump.docId !== docId || total === 0) return
    let cancelled = false
    Promise.resolve(positionOf(jump.index)).then(
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
        selectPosition(position)
        if (jump.scroll) follow(position, 'center')
      },
      (error: unknown) => {
        if (cancelled) return
        stores.view.getState().consumeJump(jump.nonce)
        stores.notices.getState().pushError(error, `Could not find message #${jump.index}`)
      },
    )
    return () => {
      cancelled = true
    }
  }, [jump, docId, total, positionOf, stores, selectPosition, follow])

  const selectAt = useCallback(
    (position: number, how: SelectHow = 'only'): void => {
      const view = stores.view.getState()
      const current = cacheRef.current
      const row = rowAt(current, position)
      if (!row) return
      const state = viewOf(view, docId)
      if (how === 'toggle') view.toggleInSelection(docId, row.id)
      else if (how === 'range' && state.anchor !== null && positionOfId(current, state.anchor) >= 0) {
        const anchor = positionOfId(current, state.anchor)
        const [from, to] = anchor < position ? [anchor, position] : [position, anchor]
        const ids: number[] = []
        for (let p = from; p <= to; p++) {
          const inRange = rowAt(current, p)
          if (inRange) ids.push(inRange.id)
        }
        view.selectRange(docId, ids, row.id)
      } else view.select(docId, row.id)
      // Keep ↑/↓ working after a click, unless the user is selecting text.
      if (window.getSelection()?.isCollapsed !== false) scrollRef.current?.focus({ preventScroll: true })
    },
    [stores, docId],
  )

  const selectMessage = useCallback(
    (messageId: number, how: SelectHow = 'only'): void => {
      const position = positionOfId(cacheRef.current, messageId)
      if (position >= 0) selectAt(position, how)
    },
    [selectAt],
  )

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isTypingTarget(event.target) || isInsideEditor(event.target)) return
    const action = actionForKey(event, 'list')
    if (!action) return
    const selected = viewOf(stores.view.getState(), docId).selected
    const position = positionOfId(cache, selected)
    const current = position >= 0 ? position : action.id === 'go.previous' ? total : -1
    switch (action.id) {
      case 'go.next':
        goTo(current + 1)
        break
      case 'go.previous':
        goTo(current - 1)
        break
      case 'go.first':
        goTo(0, 'start')
        break
      case 'go.last':
        goTo(total - 1, 'end')
        break
      case 'message.toggleRaw':
        if (isControl(event.target) || selected === null) return
        stores.view.getState().toggleExpanded(docId, selected)
        break
      default:
        return
    }
    event.preventDefault()
  }

  return {
    scrollRef,
    virtualizer,
    items,
    cache,
    total,
    row: (position) => rowAt(cache, position),
    keyOf,
    selectAt,
    selectMessage,
    onKeyDown,
  }
}
