import type { SessionStoreBackend } from '../langswarm'
import type { SearchableStore } from './storeSearchService'

/** A session store backend as the search service reads it: its sessions, their messages, its changes. */
export function searchableStore(backend: SessionStoreBackend): SearchableStore {
  return {
    sessionIds: () => backend.sessionIds(),
    readMessages: (sessionId) => backend.peekMessages(sessionId),
    onChange: (listener) => backend.onStoreChange(listener),
  }
}
