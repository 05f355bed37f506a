import './sessions.css'
import { useEffect } from 'react'
import { StoreLockBanner } from './StoreLockBanner'
import { SessionListToolbar } from './SessionListToolbar'
import { SessionPager } from './SessionPager'
import { SessionsTable } from './SessionsTable'
import { useSessions, useStores } from '../../stores/StoresContext'
import { StoreRepair } from './StoreRepair'
import { StoreStats } from './StoreStats'
import { StoreInsights } from '../insights/StoreInsights'

/** The Sessions page: the store's numbers, its sessions (filtered, paged), and a way to add one. */
export function SessionStoreSection() {
  const store = useStores().sessions
  // Changes made while this page was not on screen were not followed in the list: read it again.
  useEffect(() => {
    void store.getState().refreshList()
    void store.getState().refreshStats()
  }, [store])
  const lock = useSessions((state) => state.lock)
  const listError = useSessions((state) => state.listError)
  const hasList = useSessions((state) => state.list !== null)
  return (
    <main className="home-view session-store" aria-labelledby="session-store-title">
      <h1 id="session-store-title">Session store</h1>
      {lock ? (
        <StoreLockBanner lock={lock} />
      ) : (
        <>
          <StoreStats />
          <StoreRepair />
          <StoreInsights />
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
    </main>
  )
}
