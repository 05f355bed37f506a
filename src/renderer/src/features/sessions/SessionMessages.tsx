import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { formatCount } from '../../lib/format'
import { indicesOf, messageAt } from '../../stores/sessionsStore'
import { InsertMessageDialog } from './InsertMessageDialog'
import { SessionMessageCard, type CardActions } from './SessionMessageCard'
import { useSessions, useSessionsStore } from './SessionsProvider'

const ESTIMATED_CARD = 120

/** The session's messages in order, virtualised; main sends only the windows on screen. */
export function SessionMessages() {
  const store = useSessionsStore()
  const messages = useSessions((state) => state.open?.messages ?? null)
  const known = useSessions((state) => state.open?.detail?.messageCount ?? 0)
  const selected = useSessions((state) => state.open?.selected)
  const selectedSet = useMemo(() => new Set(selected ?? []), [selected])
  const total = messages?.total ?? known
  const scrollRef = useRef<HTMLDivElement>(null)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [inserting, setInserting] = useState<number | null>(null)

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD,
    overscan: 4,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0

  useEffect(() => {
    store.getState().ensureMessages(first, last + 1)
  }, [store, first, last, messages?.generation, messages?.total])

  const actions = useMemo<CardActions>(() => {
    const edit = store.getState().edit
    return {
      toggleSelected: (id) => store.getState().toggleSelected(id),
      edit: setEditingId,
      cancelEdit: () => setEditingId(null),
      async applyEdit(id, role, content) {
        const open = store.getState().open
        // Found by id, not by the index it had when the editor opened: other edits may have moved it.
        const index = open ? indicesOf(open.messages, [id])[0] : undefined
        const current = open && index !== undefined ? messageAt(open.messages, index) : undefined
        if (index === undefined || !current) return 'This message is no longer in the session.'
        const change = {
          ...(role !== current.role ? { role } : {}),
          ...(content !== current.content ? { content } : {}),
        }
        if (Object.keys(change).length > 0) {
          const outcome = await edit([{ op: 'setMessage', index, ...change }])
          if (!outcome.ok) return outcome.message
        }
        setEditingId(null)
        return null
      },
      insertAt: setInserting,
      remove(index) {
        const open = store.getState().open
        const id = open ? messageAt(open.messages, index)?.message_id : undefined
        if (id && open?.selected.includes(id)) store.getState().toggleSelected(id)
        void edit([{ op: 'deleteMessages', indices: [index] }])
      },
      move: (index, direction) => void edit([{ op: 'moveMessages', indices: [index], direction }]),
    }
  }, [store])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget || total === 0) return
    if (event.key === 'End') virtualizer.scrollToIndex(total - 1, { align: 'end' })
    else if (event.key === 'Home') virtualizer.scrollToIndex(0, { align: 'start' })
    else return
    event.preventDefault()
  }

  if (!messages) return null
  return (
    <section className="session-messages" aria-labelledby="session-messages-title">
      <div className="session-messages-head">
        <h3 id="session-messages-title">Messages</h3>
        <span className="spacer" />
        <button type="button" className="small" onClick={() => setInserting(total)}>
          Add message at end
        </button>
      </div>
      <div
        ref={scrollRef}
        className="timeline session-feed"
        role="feed"
        aria-label={`Messages, ${formatCount(total)}`}
        aria-busy={messages.total === null}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {messages.error ? (
          <p role="alert" className="render-error">
            Could not load messages: {messages.error}
          </p>
        ) : null}
        {messages.total === 0 ? <p className="empty-state">This session has no messages yet.</p> : null}
        <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const message = messageAt(messages, item.index)
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="timeline-item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <SessionMessageCard
                  index={item.index}
                  message={message}
                  total={total}
                  selected={message !== undefined && selectedSet.has(message.message_id)}
                  editing={message !== undefined && message.message_id === editingId}
                  actions={actions}
                />
              </div>
            )
          })}
        </div>
      </div>
      <InsertMessageDialog
        index={inserting}
        onClose={() => setInserting(null)}
        onInserted={(index) => virtualizer.scrollToIndex(index, { align: 'auto' })}
      />
    </section>
  )
}
