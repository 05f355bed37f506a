import type { StoreLock } from '../../stores/sessionsStore'
import { useStores } from '../../stores/StoresContext'

/** Another app instance holds the store: say which, and offer to try again once it is closed. */
export function StoreLockBanner({ lock }: { lock: StoreLock }) {
  const store = useStores().sessions
  const retry = (): void => {
    const state = store.getState()
    void state.refreshList()
    void state.refreshStats()
    for (const sessionId of Object.keys(state.info)) void state.loadInfo(sessionId)
  }
  return (
    <div role="alert" className="session-lock-banner">
      <p>
        <strong>
          The session store is in use by another Memory Inspector
          {lock.pid === null ? '' : ` (pid ${lock.pid})`}.
        </strong>{' '}
        Close that window (or use another data folder), then try again.
      </p>
      <p className="muted">{lock.message}</p>
      <button type="button" className="small" onClick={retry}>
        Try again
      </button>
    </div>
  )
}
