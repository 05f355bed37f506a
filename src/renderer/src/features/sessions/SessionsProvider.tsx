import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { ApiClient } from '../../api/client'
import {
  connectSessionEvents,
  createSessionsStore,
  type SessionsState,
  type SessionsStore,
} from '../../stores/sessionsStore'
import { useStores } from '../../stores/StoresContext'

const SessionsContext = createContext<SessionsStore | null>(null)

// One store per client, so the open session and the list page survive the home screen being unmounted while a
// document tab is shown.
const storesByClient = new WeakMap<ApiClient, SessionsStore>()

function sessionsStoreFor(client: ApiClient): SessionsStore {
  let store = storesByClient.get(client)
  if (!store) {
    store = createSessionsStore(client)
    storesByClient.set(client, store)
  }
  return store
}

/** The session store's state for everything under it, kept in step with main's `session.changed`. */
export function SessionsProvider({ children }: { children: ReactNode }) {
  const { client } = useStores()
  const [store] = useState(() => sessionsStoreFor(client))
  useEffect(() => {
    const disconnect = connectSessionEvents(store, client)
    // Changes made while this was not on screen went unheard: read everything shown again.
    const { open, refreshList, refreshStats, onChanged } = store.getState()
    if (open) onChanged(open.id)
    else {
      void refreshList()
      void refreshStats()
    }
    return disconnect
  }, [store, client])
  return <SessionsContext.Provider value={store}>{children}</SessionsContext.Provider>
}

export function useSessionsStore(): SessionsStore {
  const store = useContext(SessionsContext)
  if (!store) throw new Error('useSessionsStore outside <SessionsProvider>')
  return store
}

export const useSessions = <T,>(selector: (state: SessionsState) => T): T =>
  useStore(useSessionsStore(), selector)
