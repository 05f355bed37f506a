import './notices.css'
import { useEffect } from 'react'
import type { NoticeItem } from '../../stores/noticesStore'
import { useNotices, useStores } from '../../stores/StoresContext'

/** How long a notice stays; errors stay until dismissed. */
const LIFETIME_MS: Record<NoticeItem['level'], number | null> = { info: 10_000, warning: 20_000, error: null }
const ICON: Record<NoticeItem['level'], string> = { info: 'ℹ', warning: '⚠', error: '✖' }

function NoticeView({ notice }: { notice: NoticeItem }) {
  const { notices } = useStores()
  useEffect(() => {
    const lifetime = LIFETIME_MS[notice.level]
    if (lifetime === null) return
    const timer = setTimeout(() => notices.getState().dismiss(notice.id), lifetime)
    return () => clearTimeout(timer)
  }, [notice, notices])
  return (
    <div className={`notice level-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
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
  const notices = useNotices((state) => state.notices)
  return (
    <section className="notices" aria-label="Notifications">
      {notices.map((notice) => (
        <NoticeView key={notice.id} notice={notice} />
      ))}
    </section>
  )
}
