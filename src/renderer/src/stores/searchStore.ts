import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SearchHit, SearchQuery, SearchResult } from '../../../shared/model/document'
import type { StoreSearchHit, StoreSearchResult } from '../../../shared/domains/store/storeSearchSchemas'
import type { InputOf } from '../../../shared/contract'
import type { ApiClient } from '../api/client'
import { errorText } from '../api/describeError'

export type SearchField = NonNullable<SearchQuery['fields']>[number]
export const SEARCH_FIELDS: SearchField[] = ['content', 'role', 'tool', 'name', 'arguments']
/** This document, every open document, or every session of the store (open or not). */
export type SearchScope = 'document' | 'all' | 'store'

export interface ExecutedSearch {
  text: string
  regex: boolean
  caseSensitive: boolean
  fields: SearchField[]
  scope: SearchScope
  documentId: string | null
}

/** One result list: each document's own (scope "this document"), all open documents', or the store's. */
export interface SearchSlot {
  status: 'idle' | 'searching' | 'done' | 'error'
  error: string | null
  result: SearchResult | null
  storeResult: StoreSearchResult | null
  /** The query the result answers (what the cards highlight). */
  executed: ExecutedSearch | null
  /** The hit last jumped to, -1 for none. */
  active: number
  /** The documents changed since: searched again when it is shown. */
  stale?: boolean
}

export interface SearchState extends SearchSlot {
  text: string
  regex: boolean
  caseSensitive: boolean
  fields: SearchField[]
  scope: SearchScope
  /** Every result list by key (`doc:<id>`, `all`, `store`); the fields above mirror the one shown now. */
  slots: Record<string, SearchSlot>
  setText(text: string): void
  /** Changes scope, fields or options; a search already made runs again at once (debounced). */
  setOptions(options: Partial<Pick<SearchState, 'regex' | 'caseSensitive' | 'fields' | 'scope'>>): void
  /** Runs the search, or moves to the next hit when the same search already ran (Enter, F3). */
  submit(): Promise<void>
  run(options?: { jump?: boolean }): Promise<void>
  /** The store's next page of hits. */
  loadMore(): Promise<void>
  next(): void
  previous(): void
  goTo(position: number): void
  clear(): void
  /** Open documents changed: run the shown search again without jumping (the others when next shown). */
  refresh(): Promise<void>
  /** Another tab became active: show its results, searching it first when it has none for this query. */
  onActiveDocument(): void
}

export type SearchStore = StoreApi<SearchState>

export interface SearchDeps {
  activeDocumentId(): string | null
  jump(hit: SearchHit): void
  /** Opens a store session in its tab (or shows its tab) and goes to message `index`. */
  openStoreHit?(hit: StoreSearchHit): void
  onResults?(): void
}

export const SEARCH_LIMIT = 1000
export const STORE_PAGE = 200
/** How long option changes wait for the next one before the search runs again. */
export const RERUN_DEBOUNCE_MS = 150
/** While the store is being indexed, its search runs again this often (and at most this many times). */
const INDEXING_RETRY_MS = 1000
const INDEXING_RETRIES = 300

const EMPTY_SLOT: SearchSlot = {
  status: 'idle',
  error: null,
  result: null,
  storeResult: null,
  executed: null,
  active: -1,
}

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
    executed.scope === effectiveScope(state.scope, documentId) &&
    executed.fields.join() === state.fields.join() &&
    (executed.scope !== 'document' || executed.documentId === documentId)
  )
}

/** "This document" without an active document searches every open one. */
const effectiveScope = (scope: SearchScope, documentId: string | null): SearchScope =>
  scope === 'document' && documentId === null ? 'all' : scope

/** The key of the result list shown for a scope and active document. */
export function slotKey(scope: SearchScope, documentId: string | null): string {
  const effective = effectiveScope(scope, documentId)
  return effective === 'document' ? `doc:${documentId}` : effective
}

/** A store answer whose count is a lower bound: still indexing, or cut by its time budget. */
export const isPartial = (result: StoreSearchResult): boolean =>
  !result.complete || result.indexing !== undefined

const hitCount = (slot: SearchSlot): number => slot.storeResult?.hits.length ?? slot.result?.hits.length ?? 0

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

const storeInput = (executed: ExecutedSearch, offset: number): InputOf<'store.search'> => ({
  text: executed.text,
  regex: executed.regex,
  caseSensitive: executed.caseSensitive,
  fields: executed.fields,
  offset,
  limit: STORE_PAGE,
})

export function createSearchStore(client: ApiClient, deps: SearchDeps): SearchStore {
  /** The newest request per result list: an older answer arriving late is dropped. */
  const requests = new Map<string, number>()
  let requestSeq = 0
  let rerunTimer: ReturnType<typeof setTimeout> | null = null
  let indexingRetries = 0
  const begin = (key: string): number => {
    const id = ++requestSeq
    requests.set(key, id)
    return id
  }
  const current = (key: string, id: number): boolean => requests.get(key) === id

  return createStore<SearchState>((set, get) => {
    const shownKey = (): string => slotKey(get().scope, deps.activeDocumentId())
    /** Updates one result list, and the mirrored fields when it is the one shown. */
    const patchSlot = (key: string, patch: Partial<SearchSlot>): void => {
      const slot = { ...(get().slots[key] ?? EMPTY_SLOT), ...patch }
      const slots = { ...get().slots, [key]: slot }
      set(key === shownKey() ? { slots, ...mirror(slot) } : { slots })
    }
    const show = (): void => set(mirror(get().slots[shownKey()] ?? EMPTY_SLOT))
    const scheduleRerun = (): void => {
      if (rerunTimer) clearTimeout(rerunTimer)
      rerunTimer = setTimeout(() => {
        rerunTimer = null
        if (get().text !== '') void get().run({ jump: false })
      }, RERUN_DEBOUNCE_MS)
    }
    const retryWhileIndexing = (key: string, executed: ExecutedSearch): void => {
      if (indexingRetries++ >= INDEXING_RETRIES) return
      setTimeout(() => {
        const slot = get().slots[key]
        if (slot?.executed === executed && slot.status === 'done' && slot.storeResult?.indexing)
          void runSlot(key, executed, false, slot.active)
      }, INDEXING_RETRY_MS)
    }

    const runSlot = async (
      key: string,
      executed: ExecutedSearch,
      jump: boolean,
      keepActive = -1,
    ): Promise<void> => {
      const id = begin(key)
      patchSlot(key, { status: 'searching', error: null })
      deps.onResults?.()
      try {
        if (executed.scope === 'store') {
          const storeResult = await client.call('store.search', storeInput(executed, 0))
          if (!current(key, id)) return
          const active = Math.min(keepActive, storeResult.hits.length - 1)
          patchSlot(key, { status: 'done', storeResult, result: null, executed, active, stale: false })
          if (storeResult.indexing) retryWhileIndexing(key, executed)
          else indexingRetries = 0
        } else {
          const result = await client.call('document.search', searchInput(executed))
          if (!current(key, id)) return
          const active = Math.min(keepActive, result.hits.length - 1)
          patchSlot(key, { status: 'done', result, storeResult: null, executed, active, stale: false })
        }
        // A store hit opens a tab: only when asked for (Enter again, a click), never by the search itself.
        if (jump && executed.scope !== 'store' && hitCount(get().slots[key]) > 0 && key === shownKey())
          get().goTo(0)
      } catch (error) {
        if (!current(key, id)) return
        patchSlot(key, {
          status: 'error',
          error: errorText(error),
          result: null,
          storeResult: null,
          executed: null,
          active: -1,
        })
      }
    }

    return {
      ...EMPTY_SLOT,
      text: '',
      regex: false,
      caseSensitive: false,
      fields: [...SEARCH_FIELDS],
      scope: 'document',
      slots: {},
      setText(text) {
        set({ text })
      },
      setOptions(options) {
        const before = get()
        set(options)
        show()
        const changed = (Object.keys(options) as (keyof typeof options)[]).some(
          (key) => JSON.stringify(options[key]) !== JSON.stringify(before[key]),
        )
        if (changed && get().text !== '') scheduleRerun()
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
        if (rerunTimer) clearTimeout(rerunTimer)
        rerunTimer = null
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
          scope: effectiveScope(state.scope, documentId),
          documentId,
        }
        indexingRetries = 0
        await runSlot(slotKey(state.scope, documentId), executed, jump)
      },
      async loadMore() {
        const key = shownKey()
        const slot = get().slots[key]
        const executed = slot?.executed
        const shown = slot?.storeResult
        if (!executed || !shown || executed.scope !== 'store' || shown.hits.length >= shown.total) return
        const id = begin(key)
        try {
          const page = await client.call('store.search', storeInput(executed, shown.hits.length))
          if (!current(key, id)) return
          patchSlot(key, { storeResult: { ...page, offset: 0, hits: [...shown.hits, ...page.hits] } })
        } catch (error) {
          if (current(key, id)) patchSlot(key, { error: errorText(error) })
        }
      },
      next() {
        const state = get()
        state.goTo(stepHit(state.active, hitCount(state), 1))
      },
      previous() {
        const state = get()
        state.goTo(stepHit(state.active, hitCount(state), -1))
      },
      goTo(position) {
        const key = shownKey()
        const slot = get().slots[key]
        const storeHit = slot?.storeResult?.hits[position]
        const hit = slot?.result?.hits[position]
        if (!storeHit && !hit) return
        patchSlot(key, { active: position })
        if (storeHit) deps.openStoreHit?.(storeHit)
        else if (hit) deps.jump(hit)
      },
      clear() {
        if (rerunTimer) clearTimeout(rerunTimer)
        rerunTimer = null
        requests.clear()
        set({ slots: {}, ...EMPTY_SLOT })
      },
      async refresh() {
        const key = shownKey()
        const slots = Object.fromEntries(
          Object.entries(get().slots).map(([k, slot]) =>
            k !== key && k !== 'store' && slot.executed ? [k, { ...slot, stale: true }] : [k, slot],
          ),
        )
        set({ slots })
        const slot = slots[key]
        if (!slot?.executed || slot.status !== 'done' || slot.executed.scope === 'store') return
        await runSlot(key, slot.executed, false, slot.active)
      },
      onActiveDocument() {
        show()
        const state = get()
        const documentId = deps.activeDocumentId()
        if (state.scope !== 'document' || documentId === null || state.text === '') return
        const slot = state.slots[slotKey(state.scope, documentId)]
        // Only once something was searched: a tab switch alone never starts a search.
        const searched = Object.values(state.slots).some((other) => other.executed !== null)
        if (!searched) return
        if (slot?.status === 'searching') return
        if (!slot?.stale && slot?.status === 'done' && sameSearch(slot.executed, state, documentId)) return
        void runSlot(
          slotKey(state.scope, documentId),
          { ...lastQuery(state), scope: 'document', documentId },
          false,
          slot?.active ?? -1,
        )
      },
    }
  })
}

const mirror = (slot: SearchSlot): SearchSlot => ({
  status: slot.status,
  error: slot.error,
  result: slot.result,
  storeResult: slot.storeResult,
  executed: slot.executed,
  active: slot.active,
})

/** The query as the search box holds it now. */
const lastQuery = (state: SearchState): Omit<ExecutedSearch, 'scope' | 'documentId'> => ({
  text: state.text,
  regex: state.regex,
  caseSensitive: state.caseSensitive,
  fields: [...state.fields],
})
