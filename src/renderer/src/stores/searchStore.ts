import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SearchHit, SearchQuery, SearchResult } from '../../../shared/model/document'
import type { InputOf } from '../../../shared/contract'
import type { ApiClient } from '../api/client'
import { errorText } from '../api/describeError'

export type SearchField = NonNullable<SearchQuery['fields']>[number]
export const SEARCH_FIELDS: SearchField[] = ['content', 'role', 'tool', 'name', 'arguments']
export type SearchScope = 'document' | 'all'

export interface ExecutedSearch {
  text: string
  regex: boolean
  caseSensitive: boolean
  fields: SearchField[]
  scope: SearchScope
  documentId: string | null
}

export interface SearchState {
  text: string
  regex: boolean
  caseSensitive: boolean
  fields: SearchField[]
  scope: SearchScope
  status: 'idle' | 'searching' | 'done' | 'error'
  error: string | null
  result: SearchResult | null
  /** The query the result answers (what the cards highlight). */
  executed: ExecutedSearch | null
  /** The hit last jumped to, -1 for none. */
  active: number
  setText(text: string): void
  setOptions(options: Partial<Pick<SearchState, 'regex' | 'caseSensitive' | 'fields' | 'scope'>>): void
  /** Runs the search, or moves to the next hit when the same search already ran (Enter, F3). */
  submit(): Promise<void>
  run(options?: { jump?: boolean }): Promise<void>
  next(): void
  previous(): void
  goTo(position: number): void
  clear(): void
  /** Open documents changed: run the same search again without jumping. */
  refresh(): Promise<void>
}

export type SearchStore = StoreApi<SearchState>

export interface SearchDeps {
  activeDocumentId(): string | null
  jump(hit: SearchHit): void
  onResults?(): void
}

export const SEARCH_LIMIT = 1000

/** Wraps around both ends, as editors do. */
export function stepHit(active: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1
  if (active < 0) return direction === 1 ? 0 : count - 1
  return (active + direction + count) % count
}

export function sameSearch(
  executed: ExecutedSearch | null,
  state: Omit<ExecutedSearch, 'documentId'>,
  documentId: string | null,
): boolean {
  if (!executed) return false
  return (
    executed.text === state.text &&
    executed.regex === state.regex &&
    executed.caseSensitive === state.caseSensitive &&
    executed.scope === state.scope &&
    executed.fields.join() === state.fields.join() &&
    (state.scope === 'all' || executed.documentId === documentId)
  )
}

/** What `document.search` is asked for an executed search. */
function searchInput(executed: ExecutedSearch): InputOf<'document.search'> {
  return {
    text: executed.text,
    regex: executed.regex,
    caseSensitive: executed.caseSensitive,
    fields: executed.fields,
    limit: SEARCH_LIMIT,
    ...(executed.scope === 'document' && executed.documentId ? { documentIds: [executed.documentId] } : {}),
  }
}

export function createSearchStore(client: ApiClient, deps: SearchDeps): SearchStore {
  let requestId = 0
  return createStore<SearchState>((set, get) => ({
    text: '',
    regex: false,
    caseSensitive: false,
    fields: [...SEARCH_FIELDS],
    scope: 'document',
    status: 'idle',
    error: null,
    result: null,
    executed: null,
    active: -1,
    setText(text) {
      set({ text })
    },
    setOptions(options) {
      set(options)
    },
    async submit() {
      const state = get()
      if (state.status === 'done' && sameSearch(state.executed, state, deps.activeDocumentId())) {
        state.next()
        return
      }
      await state.run({ jump: true })
    },
    async run({ jump = true } = {}) {
      const state = get()
      if (state.text === '') {
        state.clear()
        return
      }
      const documentId = deps.activeDocumentId()
      const executed: ExecutedSearch = {
        text: state.text,
        regex: state.regex,
        caseSensitive: state.caseSensitive,
        fields: [...state.fields],
        scope: state.scope === 'document' && documentId === null ? 'all' : state.scope,
        documentId,
      }
      const id = ++requestId
      set({ status: 'searching', error: null })
      deps.onResults?.()
      try {
        const result = await client.call('document.search', searchInput(executed))
        if (id !== requestId) return
        set({ status: 'done', result, executed, active: -1 })
        if (jump && result.hits.length > 0) get().goTo(0)
      } catch (error) {
        if (id !== requestId) return
        set({ status: 'error', error: errorText(error), result: null, executed: null, active: -1 })
      }
    },
    next() {
      const { active, result } = get()
      get().goTo(stepHit(active, result?.hits.length ?? 0, 1))
    },
    previous() {
      const { active, result } = get()
      get().goTo(stepHit(active, result?.hits.length ?? 0, -1))
    },
    goTo(position) {
      const hit = get().result?.hits[position]
      if (!hit) return
      set({ active: position })
      deps.jump(hit)
    },
    clear() {
      requestId++
      set({ status: 'idle', error: null, result: null, executed: null, active: -1 })
    },
    async refresh() {
      const { executed, status } = get()
      if (!executed || status !== 'done') return
      const active = get().active
      const id = ++requestId
      try {
        const result = await client.call('document.search', searchInput(executed))
        if (id === requestId) set({ result, active: Math.min(active, result.hits.length - 1) })
      } catch {
        // The searched document was closed: the old results stay until the next search.
      }
    },
  }))
}
