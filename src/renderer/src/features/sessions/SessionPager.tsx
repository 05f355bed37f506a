import { formatCount } from '../../lib/format'
import { SESSION_PAGE } from '../../stores/sessionsStore'
import { useSessions, useStores } from '../../stores/StoresContext'

/** Pages of 100 sessions: where this one is, and the way to the others. */
export function SessionPager() {
  const store = useStores().sessions
  const page = useSessions((state) => state.query.page)
  const total = useSessions((state) => state.list?.total ?? 0)
  const shown = useSessions((state) => state.list?.sessions.length ?? 0)
  const offset = useSessions((state) => state.list?.offset ?? 0)
  const pages = Math.max(1, Math.ceil(total / SESSION_PAGE))
  if (total <= SESSION_PAGE && page === 0) return null
  return (
    <nav className="session-pager" aria-label="Session pages">
      <button
        type="button"
        className="small"
        disabled={page === 0}
        onClick={() => store.getState().goToPage(page - 1)}
      >
        ← Previous page
      </button>
      <span className="muted">
        {shown === 0
          ? `none of ${formatCount(total)}`
          : `${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`}{' '}
        · page {page + 1} of {pages}
      </span>
      <button
        type="button"
        className="small"
        disabled={page >= pages - 1}
        onClick={() => store.getState().goToPage(page + 1)}
      >
        Next page →
      </button>
    </nav>
  )
}
