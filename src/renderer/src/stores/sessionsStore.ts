import { createStore, type StoreApi } from 'zustand/vanilla'
import type { InputOf } from '../../../shared/contract'
import type { SessionStatus } from '../../../shared/model/langswarm/enums'
import type { MessageDict } from '../../../shared/model/langswarm/message'
import type {
  SessionDetail,
  SessionEditCommand,
  SessionEditState,
  SessionPage,
  SessionStoreStats,
} from '../../../shared/model/session'
import type { ApiClient } from '../api/client'
import { ApiError } from '../api/apiError'
import { errorText } from '../api/describeError'

/** Sessions per `session.list` request (one page of the table). */
export const SESSION_PAGE = 100
/** Messages per `session.messages` request; the view fetches the windows it shows, never the whole session. */
export const MESSAGE_WINDOW = 200
/** Windows kept for the open session (the ones farthest from where the user is go first). */
export const MAX_MESSAGE_WINDOWS = 20

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

export interface MessageWindows {
  /** Messages in the session (null until the first window arrives). */
  total: number | null
  windows: Record<number, MessageDict[]>
  /** Windows fetched since the last change; the others stay on screen while they are fetched again. */
  fresh: Record<number, true>
  generation: number
  error: string | null
}

export interface SessionNotice {
  level: 'info' | 'warning' | 'error'
  message: string
}

export interface OpenSession {
  id: string
  detail: SessionDetail | null
  /** Why the session could not be read (null while it can). */
  error: string | null
  /** The session no longer exists in the store. */
  gone: boolean
  editState: SessionEditState | null
  messages: MessageWindows
  /** Selected messages by `message_id`, so a selection follows its messages when others move. */
  selected: string[]
  notice: SessionNotice | null
  /** Edits, undos and redos queued or on their way. */
  pending: number
  summarizing: boolean
}

export type SessionEditOutcome =
  | { ok: true; state: SessionEditState }
  /** `stale`: the session changed before the edit reached main; nothing was applied. */
  | { ok: false; reason: 'stale' | 'invalid' | 'failed'; message: string }

export type CreateOutcome = { ok: true; detail: SessionDetail } | { ok: false; message: string }

export interface SessionsState {
  query: SessionListQuery
  list: SessionPage | null
  listLoading: boolean
  listError: string | null
  lock: StoreLock | null
  stats: SessionStoreStats | null
  statsError: string | null
  open: OpenSession | null

  setUserFilter(userId: string): void
  setStatusFilter(status: SessionStatus | null): void
  setNewestFirst(newestFirst: boolean): void
  goToPage(page: number): void
  refreshList(): Promise<void>
  refreshStats(): Promise<void>
  create(input: InputOf<'session.create'>): Promise<CreateOutcome>

  openSession(id: string): void
  closeSession(): void
  refreshOpen(): Promise<void>
  /** Fetches the message windows covering positions [start, end) that are missing or stale. */
  ensureMessages(start: number, end: number): void
  toggleSelected(messageId: string): void
  clearSelection(): void
  /** Sends one batch (one undo step) at the latest revision, after any edit still on its way. */
  edit(commands: SessionEditCommand[]): Promise<SessionEditOutcome>
  undo(): Promise<void>
  redo(): Promise<void>
  deleteSelected(): Promise<SessionEditOutcome>
  moveSelected(direction: 'up' | 'down'): Promise<SessionEditOutcome>
  summarize(): Promise<void>
  /** Deletes the open session and goes back to the list; false when it could not be deleted. */
  deleteOpen(): Promise<boolean>
  dismissNotice(): void
  /** `session.changed`: re-query what shows that session. */
  onChanged(id: string): void
}

export type SessionsStore = StoreApi<SessionsState>

/** Feeds `session.changed` into the store; returns the unsubscribe. */
export const connectSessionEvents = (store: SessionsStore, client: ApiClient): (() => void) =>
  client.on('session.changed', ({ id }) => store.getState().onChanged(id))

export function lockOf(error: unknown): StoreLock | null {
  if (!(error instanceof ApiError) || error.code !== 'LOCKED') return null
  const fromDetails = error.details?.pid
  const fromMessage = /\bpid (\d+)/.exec(error.message)?.[1]
  const pid = typeof fromDetails === 'number' ? fromDetails : fromMessage ? Number(fromMessage) : null
  return { pid, message: error.message }
}

export function messageAt(messages: MessageWindows, index: number): MessageDict | undefined {
  return messages.windows[Math.floor(index / MESSAGE_WINDOW)]?.[index % MESSAGE_WINDOW]
}

/** Positions of the given messages among the loaded windows, ascending; ids not loaded are left out. */
export function indicesOf(messages: MessageWindows, ids: readonly string[]): number[] {
  const wanted = new Set(ids)
  const found: number[] = []
  for (const [n, window] of Object.entries(messages.windows)) {
    window.forEach((message, i) => {
      if (wanted.has(message.message_id)) found.push(Number(n) * MESSAGE_WINDOW + i)
    })
  }
  return found.sort((a, b) => a - b)
}

const emptyWindows = (): MessageWindows => ({
  total: null,
  windows: {},
  fresh: {},
  generation: 0,
  error: null,
})

function keepNear(windows: Record<number, MessageDict[]>, around: number): Record<number, MessageDict[]> {
  const numbers = Object.keys(windows).map(Number)
  if (numbers.length <= MAX_MESSAGE_WINDOWS) return windows
  const keep = numbers
    .sort((a, b) => Math.abs(a - around) - Math.abs(b - around))
    .slice(0, MAX_MESSAGE_WINDOWS)
  return Object.fromEntries(keep.map((n) => [n, windows[n]]))
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

const CONFLICT_MESSAGE =
  'The session changed before this edit reached it, so nothing was applied. The view now shows the session as it is: check it and try again.'

export function createSessionsStore(client: ApiClient): SessionsStore {
  return createStore<SessionsState>((set, get) => {
    // ---------- the list ----------

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

    // ---------- the open session ----------

    /** Per open session: a key so answers for a session closed meanwhile are dropped. */
    let openKey = 0
    let inflight = new Map<number, number>()
    let editQueue: Promise<unknown> = Promise.resolve()

    const current = (key: number): OpenSession | null => (key === openKey ? get().open : null)

    const patchOpen = (key: number, change: (open: OpenSession) => Partial<OpenSession>): void => {
      const open = current(key)
      if (open) set({ open: { ...open, ...change(open) } })
    }

    const invalidateMessages = (key: number): void =>
      patchOpen(key, (open) => ({
        messages: { ...open.messages, fresh: {}, generation: open.messages.generation + 1, error: null },
      }))

    const fetchWindow = async (key: number, id: string, n: number, generation: number): Promise<void> => {
      inflight.set(n, generation)
      const pending = inflight
      try {
        const page = await client.call('session.messages', {
          id,
          offset: n * MESSAGE_WINDOW,
          limit: MESSAGE_WINDOW,
          includeSystem: true, // indices must be the session's own: edits address messages by them
        })
        patchOpen(key, ({ messages }) => {
          if (messages.generation !== generation) return {}
          const kept: Record<number, MessageDict[]> = {}
          for (const [w, window] of Object.entries(keepNear({ ...messages.windows, [n]: page.messages }, n)))
            if (Number(w) * MESSAGE_WINDOW < page.total || Number(w) === 0) kept[Number(w)] = window
          const fresh: Record<number, true> = {}
          for (const w of Object.keys({ ...messages.fresh, [n]: true }))
            if (kept[Number(w)]) fresh[Number(w)] = true
          return { messages: { ...messages, total: page.total, windows: kept, fresh, error: null } }
        })
      } catch (error) {
        noteLock(error)
        patchOpen(key, ({ messages }) =>
          messages.generation === generation
            ? { messages: { ...messages, error: errorText(error), total: messages.total ?? 0 } }
            : {},
        )
      } finally {
        if (pending.get(n) === generation) pending.delete(n)
      }
    }

    /** Keeps the newest state: revisions only grow, so an answer to an older request never replaces a newer one. */
    const acceptEditState = (key: number, state: SessionEditState, force = false): void =>
      patchOpen(key, (open) =>
        force || !open.editState || state.revision >= open.editState.revision ? { editState: state } : {},
      )

    const fetchEditState = async (key: number, id: string, force = false): Promise<SessionEditState> => {
      const state = await client.call('session.editState', { id })
      acceptEditState(key, state, force)
      return state
    }

    const refreshEditState = async (key: number, id: string, force = false): Promise<void> => {
      try {
        await fetchEditState(key, id, force)
      } catch {
        // refreshOpen reports what is wrong with the session (gone, locked, unreadable).
      }
    }

    let refreshOpen = coalesced(async () => undefined)
    const makeRefreshOpen = (key: number, id: string) =>
      coalesced(async () => {
        try {
          const detail = await client.call('session.get', { id })
          const wasGone = current(key)?.gone ?? false
          patchOpen(key, () => ({ detail, error: null, gone: false }))
          if (key === openKey && get().lock) set({ lock: null })
          if (wasGone) {
            // Re-created under the same id: its edit history (and revision) started again.
            invalidateMessages(key)
            await refreshEditState(key, id, true)
          }
        } catch (error) {
          noteLock(error)
          const gone = error instanceof ApiError && error.code === 'NOT_FOUND'
          patchOpen(key, () => ({ gone, error: gone ? null : errorText(error) }))
        }
      })

    const setNotice = (key: number, notice: SessionNotice | null): void => patchOpen(key, () => ({ notice }))

    const countPending = (key: number, delta: number): void =>
      patchOpen(key, (open) => ({ pending: Math.max(0, open.pending + delta) }))

    /** Serialised, so each request carries the revision the previous one produced: revisions never race. */
    const enqueue = <T>(key: number, task: () => Promise<T>): Promise<T> => {
      countPending(key, 1)
      const run = editQueue.then(task, task).finally(() => countPending(key, -1))
      editQueue = run.catch(() => undefined)
      return run
    }

    const afterChange = (key: number): void => {
      invalidateMessages(key)
      void refreshOpen()
    }

    /** Edit, undo and redo all answer a SessionEditState; they share how the answer and failures are handled. */
    const runEdit = (
      send: (open: OpenSession, key: number) => Promise<SessionEditState>,
    ): Promise<SessionEditOutcome> => {
      const key = openKey
      return enqueue(key, async (): Promise<SessionEditOutcome> => {
        const open = current(key)
        if (!open) return { ok: false, reason: 'failed', message: 'No session is open' }
        try {
          const state = await send(open, key)
          acceptEditState(key, state)
          setNotice(key, null)
          afterChange(key)
          return { ok: true, state }
        } catch (error) {
          if (error instanceof ApiError && error.code === 'CONFLICT') {
            // Edited elsewhere (another window, the CLI): indices may mean other messages now, so the edit is
            // not retried blindly; the next one goes out at the fresh revision.
            await refreshEditState(key, open.id)
            afterChange(key)
            setNotice(key, { level: 'warning', message: CONFLICT_MESSAGE })
            return { ok: false, reason: 'stale', message: CONFLICT_MESSAGE }
          }
          noteLock(error)
          const message = errorText(error)
          setNotice(key, { level: 'error', message })
          if (error instanceof ApiError && error.code === 'NOT_FOUND') void refreshOpen()
          const invalid = error instanceof ApiError && error.code === 'INVALID_INPUT'
          return { ok: false, reason: invalid ? 'invalid' : 'failed', message }
        }
      })
    }

    const selectedIndices = (): number[] => {
      const open = get().open
      return open ? indicesOf(open.messages, open.selected) : []
    }

    return {
      query: { userId: '', status: null, newestFirst: true, page: 0 },
      list: null,
      listLoading: false,
      listError: null,
      lock: null,
      stats: null,
      statsError: null,
      open: null,

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

      openSession(id) {
        const key = ++openKey
        inflight = new Map()
        editQueue = Promise.resolve()
        set({
          open: {
            id,
            detail: null,
            error: null,
            gone: false,
            editState: null,
            messages: emptyWindows(),
            selected: [],
            notice: null,
            pending: 0,
            summarizing: false,
          },
        })
        refreshOpen = makeRefreshOpen(key, id)
        void refreshOpen()
        void refreshEditState(key, id)
      },
      closeSession() {
        openKey++
        set({ open: null })
        // The list and the numbers were not kept up to date while the session was on screen.
        void refreshList()
        void refreshStats()
      },
      refreshOpen: () => refreshOpen(),
      ensureMessages(start, end) {
        const open = get().open
        if (!open) return
        const { messages } = open
        const first = Math.max(0, start)
        const last = messages.total === null ? first : Math.min(end, messages.total) - 1
        for (
          let n = Math.floor(first / MESSAGE_WINDOW);
          n <= Math.floor(Math.max(first, last) / MESSAGE_WINDOW);
          n++
        ) {
          if (messages.total !== null && n > 0 && n * MESSAGE_WINDOW >= messages.total) break
          if (messages.fresh[n] || inflight.get(n) === messages.generation) continue
          void fetchWindow(openKey, open.id, n, messages.generation)
        }
      },
      toggleSelected(messageId) {
        patchOpen(openKey, (open) => ({
          selected: open.selected.includes(messageId)
            ? open.selected.filter((id) => id !== messageId)
            : [...open.selected, messageId],
        }))
      },
      clearSelection: () => patchOpen(openKey, () => ({ selected: [] })),
      edit: (commands) =>
        runEdit(async (open, key) => {
          const revision = open.editState?.revision ?? (await fetchEditState(key, open.id)).revision
          return client.call('session.edit', { id: open.id, revision, commands })
        }),
      async undo() {
        await runEdit((open) => client.call('session.undo', { id: open.id }))
      },
      async redo() {
        await runEdit((open) => client.call('session.redo', { id: open.id }))
      },
      async deleteSelected() {
        const indices = selectedIndices()
        if (indices.length === 0) return { ok: false, reason: 'invalid', message: 'No messages selected' }
        const outcome = await get().edit([{ op: 'deleteMessages', indices }])
        if (outcome.ok) get().clearSelection()
        return outcome
      },
      moveSelected(direction) {
        const indices = selectedIndices()
        if (indices.length === 0)
          return Promise.resolve({ ok: false, reason: 'invalid', message: 'No messages selected' })
        return get().edit([{ op: 'moveMessages', indices, direction }])
      },
      async summarize() {
        const key = openKey
        const open = current(key)
        if (!open) return
        patchOpen(key, () => ({ summarizing: true }))
        try {
          const summary = await client.call('session.summarize', { id: open.id, force: true })
          patchOpen(key, (now) => ({
            detail: now.detail ? { ...now.detail, summary: summary ?? now.detail.summary } : now.detail,
            notice: summary
              ? null
              : {
                  level: 'info',
                  message:
                    'Not enough conversation to summarize yet: the summarizer needs a few messages from both the user and the assistant.',
                },
          }))
          void refreshOpen()
        } catch (error) {
          noteLock(error)
          setNotice(key, { level: 'error', message: `Could not summarize: ${errorText(error)}` })
        } finally {
          patchOpen(key, () => ({ summarizing: false }))
        }
      },
      async deleteOpen() {
        const key = openKey
        const open = current(key)
        if (!open) return false
        try {
          await client.call('session.delete', { id: open.id })
          if (key === openKey) get().closeSession()
          return true
        } catch (error) {
          noteLock(error)
          setNotice(key, { level: 'error', message: `Could not delete the session: ${errorText(error)}` })
          return false
        }
      },
      dismissNotice: () => setNotice(openKey, null),
      onChanged(id) {
        const open = get().open
        if (!open) {
          void refreshList()
          void refreshStats()
          return
        }
        if (open.id !== id) return
        const key = openKey
        invalidateMessages(key)
        void refreshOpen()
        void refreshEditState(key, id)
      },
    }
  })
}
