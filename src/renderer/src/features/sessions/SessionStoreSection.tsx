import { StoreLockBanner } from './StoreLockBanner'
import { SessionListToolbar } from './SessionListToolbar'
import { SessionPager } from './SessionPager'
import { SessionsTable } from './SessionsTable'
import { useSessions, useSessionsStore } from './SessionsProvider'
import { StoreStats } from './StoreStats'

/** The home screen's session store: its numbers, its sessions (filtered, paged), and a way to add one. */
export function SessionStoreSection() {
  const store = useSessionsStore()
  const lock = useSessions((state) => state.lock)
  const listError = useSessions((state) => state.listError)
  const hasList = useSessions((state) => state.list !== null)
  return (
    <section className="home-section session-store" aria-labelledby="session-store-title">
      <h2 id="session-store-title">Session store</h2>
      {lock ? (
        <StoreLockBanner lock={lock} />
      ) : (
        <>
          <StoreStats />
          <SessionListToolbar />
          {listError ? (
            <p role="alert" className="render-error">
              Could not list the sessions: {listError}
              <button type="button" className="small" onClick={() => void store.getState().refreshList()}>
                Try again
              </button>
            </p>
          ) : null}
          {hasList ? (
            <>
              <SessionsTable />
              <SessionPager />
            </>
          ) : listError ? null : (
            <p className="muted" aria-busy="true">
              Reading the session store…
            </p>
          )}
        </>
      )}
    </section>
  )
}
