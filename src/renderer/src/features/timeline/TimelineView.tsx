import './timeline.css'
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react'
import { formatCount } from '../../lib/format'
import { cacheKey, rowAt } from '../../stores/rowsStore'
import { useRows, useStores, useView } from '../../stores/StoresContext'
import { viewOf } from '../../stores/viewStore'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { MessageCard, type SelectHow } from '../messageCard/MessageCard'
import { useHighlightPattern } from '../shared/useHighlightPattern'
import { isControl, isInsideEditor, isTypingTarget } from '../shared/keys'
import { useFollowTarget } from '../shared/useFollowTarget'

const ESTIMATED_CARD = 140
const PLAIN = {}

/** Every message as a card, in file order, virtualised with measured heights; rows and details load as they show. */
export function TimelineView({ docId }: { docId: string }) {
  const stores = useStores()
  const cache = useRows((state) => state.caches[cacheKey(docId, PLAIN)])
  const total = cache?.total ?? 0
  const selected = useView((state) => viewOf(state, docId).selected)
  const multi = useView((state) => viewOf(state, docId).multi)
  const expanded = useView((state) => viewOf(state, docId).expanded)
  const markdown = useView((state) => viewOf(state, docId).markdown)
  const jump = useView((state) => state.jump)
  const pattern = useHighlightPattern(docId)
  const scrollRef = useRef<HTMLDivElement>(null)
  const memoryKey = `${docId}|timeline`
  const memory = stores.view.getState().scroll.get(memoryKey)

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD,
    overscan: 3,
    initialOffset: memory?.offset,
    initialMeasurementsCache: memory?.measurements as VirtualItem[] | undefined,
  })
  const follow = useFollowTarget(virtualizer, scrollRef)
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0

  useEffect(() => {
    stores.rows.getState().ensure(docId, PLAIN, first, last + 1)
  }, [stores, docId, first, last, cache?.generation, cache?.total])

  // Remember where we were, to come back to it when the tab is shown again.
  const virtualizerRef = useRef(virtualizer)
  useEffect(() => {
    virtualizerRef.current = virtualizer
  })
  useEffect(() => {
    const scroll = stores.view.getState().scroll
    return () => {
      const v = virtualizerRef.current
      scroll.set(memoryKey, { offset: v.scrollOffset ?? 0, measurements: v.measurementsCache })
    }
  }, [stores, memoryKey])

  useEffect(() => {
    if (!jump || jump.docId !== docId || jump.index >= total) return
    follow(jump.index, 'center')
    stores.view.getState().consumeJump(jump.nonce)
  }, [jump, docId, total, follow, stores])

  const onSelect = useCallback(
    (index: number, how: SelectHow = 'only') => {
      const view = stores.view.getState()
      const anchor = viewOf(view, docId).anchor
      if (how === 'toggle') view.toggleInSelection(docId, index)
      else if (how === 'range' && anchor !== null) {
        const [from, to] = anchor < index ? [anchor, index] : [index, anchor]
        view.selectRange(
          docId,
          Array.from({ length: to - from + 1 }, (_, i) => from + i),
          index,
        )
      } else view.select(docId, index)
      // Keep ↑/↓ working after a click, unless the user is selecting text.
      if (window.getSelection()?.isCollapsed !== false) scrollRef.current?.focus({ preventScroll: true })
    },
    [stores, docId],
  )
  const onToggleExpanded = useCallback(
    (index: number) => stores.view.getState().toggleExpanded(docId, index),
    [stores, docId],
  )
  const onJump = useCallback((index: number) => stores.view.getState().jumpTo(docId, index), [stores, docId])

  const move = (to: number, align: 'auto' | 'start' | 'end' = 'auto'): void => {
    if (total === 0) return
    const index = Math.max(0, Math.min(total - 1, to))
    stores.view.getState().select(docId, index)
    follow(index, align)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isTypingTarget(event.target) || isInsideEditor(event.target)) return
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const current = selected ?? (event.key === 'ArrowUp' ? total : -1)
    switch (event.key) {
      case 'ArrowDown':
        move(current + 1)
        break
      case 'ArrowUp':
        move(current - 1)
        break
      case 'Home':
        move(0, 'start')
        break
      case 'End':
        move(total - 1, 'end')
        break
      case 'Enter':
        if (isControl(event.target) || selected === null) return
        onToggleExpanded(selected)
        break
      default:
        return
    }
    event.preventDefault()
  }

  return (
    <div
      ref={scrollRef}
      className="timeline"
      role="feed"
      aria-label={`Timeline, ${formatCount(total)} messages`}
      aria-busy={cache?.total === null || cache === undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {cache?.error ? (
        <p role="alert" className="render-error">
          Could not load messages: {cache.error}
        </p>
      ) : null}
      {cache && cache.total === 0 && !cache.error ? (
        <p className="empty-state">This memory has no messages.</p>
      ) : null}
      <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="timeline-item"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <ErrorBoundary what={`message ${item.index}`}>
              <MessageCard
                docId={docId}
                index={item.index}
                row={rowAt(cache, item.index)}
                selected={selected === item.index}
                inSelection={multi.includes(item.index)}
                expanded={expanded[item.index] === true}
                markdown={markdown}
                pattern={pattern}
                onSelect={onSelect}
                onToggleExpanded={onToggleExpanded}
                onJump={onJump}
                setSize={total}
              />
            </ErrorBoundary>
          </div>
        ))}
      </div>
    </div>
  )
}
