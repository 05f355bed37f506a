import { createStore, type StoreApi } from 'zustand/vanilla'
import type { EventPayloads } from '../../../shared/contract'
import type {
  DocumentState,
  EditCommand,
  EditResult,
  SaveOptions,
  SaveResult,
} from '../../../shared/model/edit'
import type { ApiClient } from '../api/client'
import { ApiError } from '../api/apiError'
import { errorText } from '../api/describeError'

export type EditOutcome =
  | { ok: true; state: EditResult }
  /** `stale`: the document changed before the edit reached main; nothing was applied. */
  | { ok: false; reason: 'stale' | 'invalid' | 'failed'; message: string; error: unknown }

export interface EditState {
  /** Each document's editing state as main last reported it (revision, dirty, undo labels, disk status). */
  states: Record<string, DocumentState>
  /** Requests queued or on their way, per document. */
  pending: Record<string, number>
  /** Fetches the state unless it is already here. */
  ensure(id: string): Promise<DocumentState | null>
  refresh(id: string): Promise<void>
  /** Sends one batch (one undo step) at the latest revision, after any request still on its way. */
  edit(id: string, commands: EditCommand[]): Promise<EditOutcome>
  undo(id: string): Promise<DocumentState | null>
  redo(id: string): Promise<DocumentState | null>
  /** Drops every unsaved edit and reads the file again. Throws what main answered. */
  revert(id: string): Promise<DocumentState>
  /** Throws what main answered (the save flow reads CONFLICT reasons). */
  save(id: string, options: SaveOptions, path?: string): Promise<SaveResult>
  onChanged(change: EventPayloads['document.changed']): void
  forget(id: string): void
}

export type EditStore = StoreApi<EditState>

export interface EditDeps {
  reportError(error: unknown, doing: string): void
  /**
   * An edit, undo, redo or revert of ours was answered with a new revision. Its `document.changed` event travels
   * apart (HTTP answers and the event stream race), so views drop their rows now, not when the event comes.
   */
  onOwnChange?(id: string, revision: number): void
}

/** Reasons a `document.changed` can bring a state we do not have yet. */
const FOLLOWS_OWN_REQUEST = new Set(['edit', 'undo', 'redo', 'save', 'revert'])

export function createEditStore(client: ApiClient, deps: EditDeps): EditStore {
  /** Per document, the tail of its request chain: every request waits for the previous one. */
  const queues = new Map<string, Promise<unknown>>()

  return createStore<EditState>((set, get) => {
    /** Keeps the newest state: an answer to an older request never replaces a newer one. */
    const accept = (state: DocumentState): void => {
      const current = get().states[state.id]
      if (current && current.revision > state.revision) return
      set({ states: { ...get().states, [state.id]: state } })
    }

    /** `accept` for the answer to a change we asked for. */
    const acceptOwn = (state: DocumentState, before: number | undefined): void => {
      accept(state)
      if (before === undefined || state.revision > before) deps.onOwnChange?.(state.id, state.revision)
    }

    const countPending = (id: string, delta: number): void => {
      const pending = { ...get().pending, [id]: (get().pending[id] ?? 0) + delta }
      if (pending[id] <= 0) delete pending[id]
      set({ pending })
    }

    // Serialised so each request is sent with the revision the previous one produced: revisions never race.
    const enqueue = <T>(id: string, task: () => Promise<T>): Promise<T> => {
      countPending(id, 1)
      const previous = queues.get(id) ?? Promise.resolve()
      const run = previous.then(task, task).finally(() => countPending(id, -1))
      queues.set(
        id,
        run.catch(() => undefined),
      )
      return run
    }

    const fetchState = async (id: string): Promise<DocumentState> => {
      const state = await client.call('document.state', { id })
      accept(state)
      return state
    }

    return {
      states: {},
      pending: {},
      async ensure(id) {
        const known = get().states[id]
        if (known) return known
        try {
          return await fetchState(id)
        } catch (error) {
          deps.reportError(error, 'Could not read the document’s editing state')
          return null
        }
      },
      async refresh(id) {
        try {
          await fetchState(id)
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 'NOT_FOUND'))
            deps.reportError(error, 'Could not read the document’s editing state')
        }
      },
      edit(id, commands) {
        return enqueue(id, async (): Promise<EditOutcome> => {
          try {
            const revision = get().states[id]?.revision ?? (await fetchState(id)).revision
            const result = await client.call('document.edit', { id, revision, commands })
            const { insertedIds: _inserted, ...state } = result
            acceptOwn(state, revision)
            return { ok: true, state: result }
          } catch (error) {
            if (error instanceof ApiError && error.code === 'CONFLICT') {
              // Reloaded from disk, reverted or edited elsewhere: indices may mean other messages now, so the
              // edit is not retried blindly; the next attempt uses the fresh revision.
              await get().refresh(id)
              return {
                ok: false,
                reason: 'stale',
                message:
                  'The document changed before this edit reached it, so nothing was applied. Check the message and apply again.',
                error,
              }
            }
            const invalid = error instanceof ApiError && error.code === 'INVALID_INPUT'
            return { ok: false, reason: invalid ? 'invalid' : 'failed', message: errorText(error), error }
          }
        })
      },
      undo(id) {
        return enqueue(id, async () => {
          try {
            const before = get().states[id]?.revision
            const state = await client.call('document.undo', { id })
            acceptOwn(state, before)
            return state
          } catch (error) {
            deps.reportError(error, 'Could not undo')
            return null
          }
        })
      },
      redo(id) {
        return enqueue(id, async () => {
          try {
            const before = get().states[id]?.revision
            const state = await client.call('document.redo', { id })
            acceptOwn(state, before)
            return state
          } catch (error) {
            deps.reportError(error, 'Could not redo')
            return null
          }
        })
      },
      revert(id) {
        return enqueue(id, async () => {
          const before = get().states[id]?.revision
          const state = await client.call('document.revert', { id })
          acceptOwn(state, before)
          return state
        })
      },
      save(id, options, path) {
        return enqueue(id, async () => {
          const result = path
            ? await client.call('document.saveAs', { id, path, ...options })
            : await client.call('document.save', { id, ...options })
          accept(result.state)
          return result
        })
      },
      onChanged({ id, revision, reason }) {
        const known = get().states[id]
        if (!known) return
        if (reason === 'disk' || known.revision < revision || !FOLLOWS_OWN_REQUEST.has(reason))
          void get().refresh(id)
      },
      forget(id) {
        queues.delete(id)
        const states = { ...get().states }
        delete states[id]
        const pending = { ...get().pending }
        delete pending[id]
        set({ states, pending })
      },
    }
  })
}
