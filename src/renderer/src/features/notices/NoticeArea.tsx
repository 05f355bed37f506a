import './notices.css'
import { useEffect, useState, type KeyboardEvent } from 'react'
import type { NoticeItem } from '../../stores/noticesStore'
import { useNotices, useStores } from '../../stores/StoresContext'

/** How long a notice stays; errors stay until dismissed. */
const LIFETIME_MS: Record<NoticeItem['level'], number | null> = { info: 10_000, warning: 20_000, error: null }
const ICON: Record<NoticeItem['level'], string> = { info: 'ℹ', warning: '⚠', error: '✖' }
/** Shown at once (the newest); the rest wait behind "N more" so they never cover the document for long. */
export const VISIBLE_NOTICES = 3

function NoticeView({ notice }: { notice: NoticeItem }) {
  const { notices } = useStores()
  useEffect(() => {
    const lifetime = LIFETIME_MS[notice.level]
    if (lifetime === null) return
    const timer = setTimeout(() => notices.getState().dismiss(notice.id), lifetime)
    return () => clearTimeout(timer)
  }, [notice, notices])
  return (
    <div
      className={`notice level-${notice.level}`}
      role={notice.level === 'error' ? 'alert' : 'status'}
      data-notice={notice.id}
    >
      <span className="notice-icon" aria-hidden="true">
        {ICON[notice.level]}
      </span>
      <div className="notice-text">
        <div>{notice.message}</div>
        {notice.where && !notice.message.includes(notice.where) ? (
          <div className="muted notice-where">{notice.where}</div>
        ) : null}
      </div>
      <button
        type="button"
        className="icon"
        aria-label="Dismiss"
        onClick={() => notices.getState().dismiss(notice.id)}
      >
        ×
      </button>
    </div>
  )
}

export function NoticeArea() {
  const stores = useStores()
  const notices = useNotices((state) => state.notices)
  const [showAll, setShowAll] = useState(false)
  const hidden = showAll ? 0 : Math.max(0, notices.length - VISIBLE_NOTICES)
  const shown = notices.slice(hidden)
  useEffect(() => {
    if (notices.length <= VISIBLE_NOTICES) setShowAll(false)
  }, [notices.length])

  /** Escape dismisses the notice with the focus (else the newest), and the focus moves to the next one. */
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'Escape' || shown.length === 0) return
    event.preventDefault()
    const holder = (event.target as Element).closest('[data-notice]')
    const id = holder ? Number(holder.getAttribute('data-notice')) : shown[shown.length - 1].id
    const area = event.currentTarget
    stores.notices.getState().dismiss(id)
    requestAnimationFrame(() => area.querySelector<HTMLButtonElement>('.notice button')?.focus())
  }

  return (
    <section className="notices" aria-label="Notifications" onKeyDown={onKeyDown}>
      {hidden > 0 || (showAll && notices.length > VISIBLE_NOTICES) ? (
        <div className="notices-more">
          <button
            type="button"
            className="small"
            aria-expanded={showAll}
            onClick={() => setShowAll(!showAll)}
          >
            {showAll ? 'Show fewer' : `${hidden} more`}
          </button>
          <button type="button" className="small" onClick={() => stores.notices.getState().dismissAll()}>
            Dismiss all
          </button>
        </div>
      ) : null}
      <div className={`notices-list ${showAll ? 'all' : ''}`}>
        {shown.map((notice) => (
          <NoticeView key={notice.id} notice={notice} />
        ))}
      </div>
    </section>
  )
}
