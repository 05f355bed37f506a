import { createStore, type StoreApi } from 'zustand/vanilla'
import type { EventPayloads, Notice } from '../../../shared/contract'
import type { DocumentSummary, OpenResult } from '../../../shared/model/document'
import type { ApiClient } from '../api/client'
import { ApiError } from '../api/apiError'

export interface ProgressEntry {
  path: string
  done: number
  total: number
  /** `scanning`: done and total are bytes of the file; `indexing`: messages. */
  phase: 'reading' | 'scanning' | 'indexing'
}

export type CloseOutcome = 'closed' | 'dirty' | 'failed'

export interface DocumentsState {
  summaries: Record<string, DocumentSummary>
  /** Tab order. */
  order: string[]
  /** The document on screen; null shows the Documents (welcome) view. */
  activeId: string | null
  /** Bumped on every `document.changed` of a document: views re-query what they show. */
  changes: Record<string, number>
  /** Opens and background indexing under way, by path. */
  progress: Record<string, ProgressEntry>
  opening: boolean
  loadList(): Promise<void>
  open(paths: string[]): Promise<OpenResult | null>
  /** Opens a session of the store in a tab (the one already open, if it is), and shows it. */
  openSession(sessionId: string): Promise<void>
  close(id: string, discard?: boolean): Promise<CloseOutcome>
  activate(id: string | null): void
  refreshSummary(id: string): Promise<void>
  onOpened(summary: DocumentSummary): void
  onChanged(payload: EventPayloads['document.changed']): void
  onClosed(id: string): void
  onProgress(payload: EventPayloads['document.progress']): void
}

export type DocumentsStore = StoreApi<DocumentsState>

export interface DocumentsDeps {
  notify(notice: Notice & { where?: string }): void
  reportError(error: unknown, doing: string): void
  /** After an open: the recent list changed. */
  onOpenedPaths?(): void
}

/**
 * Answers may arrive out of order (an open's answer after the "scanned" or "indexed" refresh): a summary older
 * than the one held — a lower revision, or the same revision still indexing when the held one is complete, or with
 * a token total still counting when the held one's is final — is not taken.
 */
function isStale(held: DocumentSummary | undefined, summary: DocumentSummary): boolean {
  if (!held) return false
  if (held.revision !== summary.revision) return held.revision > summary.revision
  return (!held.indexing && summary.indexing) || (held.marsysTokensFinal && !summary.marsysTokensFinal)
}

function withSummary(state: DocumentsState, summary: DocumentSummary): Partial<DocumentsState> {
  if (isStale(state.summaries[summary.id], summary)) return {}
  const progress = { ...state.progress }
  if (!summary.indexing) delete progress[summary.path]
  else if (progress[summary.path]?.phase === 'reading') delete progress[summary.path]
  return {
    summaries: { ...state.summaries, [summary.id]: summary },
    order: state.order.includes(summary.id) ? state.order : [...state.order, summary.id],
    progress,
  }
}

export function createDocumentsStore(client: ApiClient, deps: DocumentsDeps): DocumentsStore {
  return createStore<DocumentsState>((set, get) => ({
    summaries: {},
    order: [],
    activeId: null,
    changes: {},
    progress: {},
    opening: false,
    async loadList() {
      try {
        const list = await client.call('document.list', {})
        for (const summary of list) set(withSummary(get(), summary))
        // One file given at start: show it straight away; several stay listed in the Documents view.
        if (get().activeId === null && list.length === 1) set({ activeId: list[0].id })
      } catch (error) {
        deps.reportError(error, 'Could not list open documents')
      }
    },
    async open(paths) {
      if (paths.length === 0) return null
      set({ opening: true })
      try {
        const result = await client.call('document.open', { paths })
        for (const summary of result.documents) set(withSummary(get(), summary))
        for (const failure of result.failures) {
          deps.notify({
            level: 'error',
            message: `Could not open ${failure.path}: ${failure.message}`,
            where: failure.path,
          })
        }
        if (result.documents.length === 1) set({ activeId: result.documents[0].id })
        else if (result.documents.length > 1) {
          set({ activeId: null })
          deps.notify({ level: 'info', message: `Opened ${result.documents.length} files` })
        } else if (result.failures.length === 0) {
          deps.notify({ level: 'warning', message: `No memory files found in ${paths.join(', ')}` })
        }
        deps.onOpenedPaths?.()
        return result
      } catch (error) {
        deps.reportError(error, `Could not open ${paths.join(', ')}`)
        return null
      } finally {
        const progress = { ...get().progress }
        for (const [path, entry] of Object.entries(progress))
          if (entry.phase === 'reading') delete progress[path]
        set({ opening: false, progress })
      }
    },
    async openSession(sessionId) {
      try {
        const summary = await client.call('session.open', { id: sessionId })
        set({ ...withSummary(get(), summary), activeId: summary.id })
      } catch (error) {
        deps.reportError(error, `Could not open session ${sessionId}`)
      }
    },
    async close(id, discard = false) {
      try {
        await client.call('document.close', discard ? { id, discard } : { id })
        get().onClosed(id)
        return 'closed'
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CONFLICT') return 'dirty'
        deps.reportError(error, 'Could not close the document')
        return 'failed'
      }
    },
    activate(id) {
      if (id === null || get().summaries[id]) set({ activeId: id })
    },
    async refreshSummary(id) {
      try {
        const summary = await client.call('document.summary', { id })
        if (get().summaries[id]) set(withSummary(get(), summary))
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NOT_FOUND') get().onClosed(id)
        else deps.reportError(error, 'Could not refresh the document')
      }
    },
    onOpened(summary) {
      set(withSummary(get(), summary))
    },
    onChanged({ id }) {
      if (!get().summaries[id]) return
      set({ changes: { ...get().changes, [id]: (get().changes[id] ?? 0) + 1 } })
      void get().refreshSummary(id)
    },
    onClosed(id) {
      const state = get()
      if (!state.summaries[id]) return
      const summaries = { ...state.summaries }
      const closed = summaries[id]
      delete summaries[id]
      const position = state.order.indexOf(id)
      const order = state.order.filter((other) => other !== id)
      const progress = { ...state.progress }
      delete progress[closed.path]
      const activeId =
        state.activeId === id ? (order[Math.min(position, order.length - 1)] ?? null) : state.activeId
      set({ summaries, order, activeId, progress })
    },
    onProgress(payload) {
      const progress = { ...get().progress }
      if (payload.phase === 'indexing' && payload.done >= payload.total) delete progress[payload.path]
      else progress[payload.path] = payload
      set({ progress })
    },
  }))
}

/** The open document whose file is `path`, for events that name a path. */
export const documentIdForPath = (state: Pick<DocumentsState, 'summaries'>, path: string): string | null =>
  Object.values(state.summaries).find((summary) => summary.path === path)?.id ?? null
