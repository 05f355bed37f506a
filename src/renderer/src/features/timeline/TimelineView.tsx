import './timeline.css'
import { useCallback } from 'react'
import { formatCount } from '../../lib/format'
import { useStores, useView } from '../../stores/StoresContext'
import { viewOf } from '../../stores/viewStore'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { MessageCard } from '../messageCard/MessageCard'
import { useMessageList } from '../messageList/useMessageList'
import { useHighlightPattern } from '../shared/useHighlightPattern'

const ESTIMATED_CARD = 140
const PLAIN = {}
/** In file order a message's position is its index. */
const samePosition = (index: number): number => index

/** Every message as a card, in file order, virtualised with measured heights; rows and details load as they show. */
export function TimelineView({ docId }: { docId: string }) {
  const stores = useStores()
  const selected = useView((state) => viewOf(state, docId).selected)
  const multi = useView((state) => viewOf(state, docId).multi)
  const expanded = useView((state) => viewOf(state, docId).expanded)
  const markdown = useView((state) => viewOf(state, docId).markdown)
  const pattern = useHighlightPattern(docId)
  const list = useMessageList({
    docId,
    query: PLAIN,
    estimateSize: ESTIMATED_CARD,
    overscan: 3,
    positionOf: samePosition,
    memoryKey: `${docId}|timeline`,
  })
  const { cache, total, virtualizer, selectMessage } = list
  const onToggleExpanded = useCallback(
    (messageId: number) => stores.view.getState().toggleExpanded(docId, messageId),
    [stores, docId],
  )
  const onJump = useCallback((index: number) => stores.view.getState().jumpTo(docId, index), [stores, docId])

  return (
    <div
      ref={list.scrollRef}
      className="timeline"
      // A feed must own articles: with no messages the empty list is a plain region.
      role={total === 0 ? 'region' : 'feed'}
      aria-label={`Timeline, ${formatCount(total)} messages`}
      aria-busy={cache?.total === null || cache === undefined}
      tabIndex={0}
      onKeyDown={list.onKeyDown}
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
        {list.items.map((item) => {
          const row = list.row(item.index)
          const messageId = row?.id ?? null
          return (
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
                  messageId={messageId}
                  row={row}
                  selected={messageId !== null && selected === messageId}
                  inSelection={messageId !== null && multi.includes(messageId)}
                  expanded={messageId !== null && expanded[messageId] === true}
                  markdown={markdown}
                  pattern={pattern}
                  onSelect={selectMessage}
                  onToggleExpanded={onToggleExpanded}
                  onJump={onJump}
                  setSize={total}
                />
              </ErrorBoundary>
            </div>
          )
        })}
      </div>
    </div>
  )
}
