import { createStore, type StoreApi } from 'zustand/vanilla'
import type { InputOf } from '../../../shared/contract'
import type { SessionStatus } from '../../../shared/model/langswarm/enums'
import type { StoreRepairReport } from '../../../shared/model/langswarm/interfaces'
import type { SessionDetail, SessionPage, SessionStoreStats } from '../../../shared/model/session'
import type { ApiClient } from '../api/client'
import { ApiError } from '../api/apiError'
import { errorText } from '../api/describeError'

/** Sessions per `session.list` request (one page of the table). */
export const SESSION_PAGE = 100

export interface SessionListQuery {
  userId: string
  status: SessionStatus | null
  /** The backend lists newest `updated_at` first; oldest first is read from the other end. */
  newestFirst: boolean
  page: number
}

/** Another app instance holds the store's lock. */
export interface StoreLock {
  pid: number | null
  message: string
}

/** What the Session panel shows of a session open in a tab: its metadata and summary, fresh from the store. */
export interface SessionInfoEntry {
  detail: SessionDetail | null
  error: string | null
  /** The session is no longer in the store. */
  gone: boolean
  summarizing: boolean
  /** Why the last summarize did nothing, or what went wrong. */
  notice: { level: 'info' | 'error'; message: string } | null
}

export type CreateOutcome = { ok: true; detail: SessionDetail } | { ok: false; message: string }

export interface SessionsState {
  query: SessionListQuery
  list: SessionPage | null
  listLoading: boolean
  listError: string | null
  lock: StoreLock | null
  stats: SessionStoreStats | null
  statsError: string | null
  /** By session id, for sessions open as documents. */
  info: Record<string, SessionInfoEntry>
  /** The last check or repair of a damaged store, and whether one is running. */
  repair: { running: boolean; report: StoreRepairReport | null; error: string | null }

  setUserFilter(userId: string): void
  setStatusFilter(status: SessionStatus | null): void
  setNewestFirst(newestFirst: boolean): void
  goToPage(page: number): void
  refreshList(): Promise<void>
  refreshStats(): Promise<void>
  create(input: InputOf<'session.create'>): Promise<CreateOutcome>
  /** Reads a session's metadata and summary again. */
  loadInfo(sessionId: string): Promise<void>
  summarize(sessionId: string): Promise<void>
  /** Deletes a session from the store (its tab closes); false when it could not be deleted. */
  deleteSession(sessionId: string): Promise<boolean>
  /** `session.changed`: re-query what shows that session. */
  onChanged(sessionId: string): void
  /** Checks (dryRun) or repairs the store, then reads the list and the numbers again. */
  repairStore(dryRun: boolean): Promise<void>
}

export type SessionsStore = StoreApi<SessionsState>

export function lockOf(error: unknown): StoreLock | null {
  if (!(error instanceof ApiError) || error.code !== 'LOCKED') return null
  const fromDetails = error.details?.pid
  const fromMessage = /\bpid (\d+)/.exec(error.message)?.[1]
  const pid = typeof fromDetails === 'number' ? fromDetails : fromMessage ? Number(fromMessage) : null
  return { pid, message: error.message }
}

/** Runs `task` once at a time; calls made meanwhile run it once more afterwards (they want fresher data). */
function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null
  let again = false
  return () => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await task()
        } while (again)
      } finally {
        running = null
      }
    })()
    return running
  }
}

const EMPTY_INFO: SessionInfoEntry = {
  detail: null,
  error: null,
  gone: false,
  summarizing: false,
  notice: null,
}

/** The session store's list and figures, and the metadata and summary of the sessions open in tabs. */
export function createSessionsStore(client: ApiClient): SessionsStore {
  return createStore<SessionsState>((set, get) => {
    const filterInput = (query: SessionListQuery) => ({
      ...(query.userId.trim() !== '' ? { userId: query.userId.trim() } : {}),
      ...(query.status ? { status: query.status } : {}),
    })

    const fetchPage = async (query: SessionListQuery): Promise<SessionPage> => {
      const filter = filterInput(query)
      const offset = query.page * SESSION_PAGE
      if (query.newestFirst) return client.call('session.list', { ...filter, limit: SESSION_PAGE, offset })
      // Oldest first: the same pages read from the far end and reversed; the total says where that end is.
      let total = (await client.call('session.list', { ...filter, limit: 1, offset: 0 })).total
      for (let attempt = 0; ; attempt++) {
        const end = total - offset
        if (end <= 0) return { sessions: [], total, offset }
        const start = Math.max(0, end - SESSION_PAGE)
        const page = await client.call('session.list', { ...filter, limit: end - start, offset: start })
        if (page.total === total || attempt === 2)
          return { sessions: [...page.sessions].reverse(), total: page.total, offset }
        total = page.total // sessions came or went in between: read the page again from the new end
      }
    }

    const noteLock = (error: unknown): boolean => {
      const lock = lockOf(error)
      if (lock) set({ lock })
      return lock !== null
    }

    const refreshList = coalesced(async () => {
      const query = get().query
      set({ listLoading: true })
      try {
        const page = await fetchPage(query)
        if (get().query !== query) return // the filter changed meanwhile: the rerun fetches the right page
        const lastPage = Math.max(0, Math.ceil(page.total / SESSION_PAGE) - 1)
        if (page.sessions.length === 0 && query.page > lastPage) {
          set({ query: { ...query, page: lastPage } })
          void refreshList()
          return
        }
        set({ list: page, listError: null, lock: null })
      } catch (error) {
        if (!noteLock(error)) set({ listError: errorText(error) })
      } finally {
        set({ listLoading: false })
      }
    })

    const refreshStats = coalesced(async () => {
      try {
        set({ stats: await client.call('session.stats', {}), statsError: null, lock: null })
      } catch (error) {
        if (!noteLock(error)) set({ statsError: errorText(error) })
      }
    })

    const setQuery = (change: Partial<SessionListQuery>): void => {
      set({ query: { ...get().query, page: 0, ...change } })
      void refreshList()
    }

    const patchInfo = (sessionId: string, change: Partial<SessionInfoEntry>): void =>
      set({ info: { ...get().info, [sessionId]: { ...(get().info[sessionId] ?? EMPTY_INFO), ...change } } })

    return {
      query: { userId: '', status: null, newestFirst: true, page: 0 },
      list: null,
      listLoading: false,
      listError: null,
      lock: null,
      stats: null,
      statsError: null,
      info: {},
      repair: { running: false, report: null, error: null },

      setUserFilter: (userId) => setQuery({ userId }),
      setStatusFilter: (status) => setQuery({ status }),
      setNewestFirst: (newestFirst) => setQuery({ newestFirst }),
      goToPage(page) {
        set({ query: { ...get().query, page: Math.max(0, page) } })
        void refreshList()
      },
      refreshList,
      refreshStats,
      async create(input) {
        try {
          const detail = await client.call('session.create', input)
          void refreshList()
          void refreshStats()
          return { ok: true, detail }
        } catch (error) {
          noteLock(error)
          return { ok: false, message: errorText(error) }
        }
      },
      async loadInfo(sessionId) {
        try {
          const detail = await client.call('session.get', { id: sessionId })
          patchInfo(sessionId, { detail, error: null, gone: false })
        } catch (error) {
          noteLock(error)
          const gone = error instanceof ApiError && error.code === 'NOT_FOUND'
          patchInfo(sessionId, { gone, error: gone ? null : errorText(error) })
        }
      },
      async summarize(sessionId) {
        patchInfo(sessionId, { summarizing: true, notice: null })
        try {
          const summary = await client.call('session.summarize', { id: sessionId, force: true })
          patchInfo(sessionId, {
            notice: summary
              ? null
              : {
                  level: 'info',
                  message:
                    'Not enough conversation to summarize yet: the summarizer needs a few messages from both the user and the assistant.',
                },
          })
          await get().loadInfo(sessionId)
        } catch (error) {
          noteLock(error)
          patchInfo(sessionId, {
            notice: { level: 'error', message: `Could not summarize: ${errorText(error)}` },
          })
        } finally {
          patchInfo(sessionId, { summarizing: false })
        }
      },
      async deleteSession(sessionId) {
        try {
          await client.call('session.delete', { id: sessionId })
          const info = { ...get().info }
          delete info[sessionId]
          set({ info })
          return true
        } catch (error) {
          noteLock(error)
          patchInfo(sessionId, {
            notice: { level: 'error', message: `Could not delete the session: ${errorText(error)}` },
          })
          return false
        }
      },
      async repairStore(dryRun) {
        set({ repair: { ...get().repair, running: true, error: null } })
        try {
          const report = await client.call('store.repair', { dryRun })
          set({ repair: { running: false, report, error: null } })
        } catch (error) {
          noteLock(error)
          set({ repair: { running: false, report: get().repair.report, error: errorText(error) } })
        }
        await Promise.all([refreshList(), refreshStats()])
      },
      onChanged(sessionId) {
        void refreshList()
        void refreshStats()
        if (get().info[sessionId]) void get().loadInfo(sessionId)
      },
    }
  })
}
