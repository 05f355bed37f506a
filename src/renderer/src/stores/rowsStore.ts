import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MessageRow, RowQuery } from '../../../shared/model/document'
import type { ApiClient } from '../api/client'
import { errorText } from '../api/describeError'

/** Rows per `document.rows` request; the table and timeline fetch whole windows as they scroll. */
export const ROW_WINDOW = 200
/** Windows kept per query (the ones farthest from where the user is go first). */
export const MAX_WINDOWS = 50
const MAX_CACHES = 8

export interface TableQuery {
  sort?: RowQuery['sort']
  filter?: RowQuery['filter']
}

export interface RowCache {
  docId: string
  query: TableQuery
  /** Rows matching the query (null until the first window arrives). */
  total: number | null
  windows: Record<number, MessageRow[]>
  /** Windows fetched since the last change; the others are shown while they are fetched again. */
  fresh: Record<number, true>
  generation: number
  error: string | null
}

export interface RowsState {
  caches: Record<string, RowCache>
  /** Fetches the windows covering positions [start, end) that are missing or stale. */
  ensure(docId: string, query: TableQuery, start: number, end: number): void
  /**
   * The document changed: every query of it is fetched again (old rows stay on screen meanwhile). With a
   * `revision`, only once per revision (an edit's answer and its `document.changed` both announce it); answers
   * whether it did.
   */
  invalidate(docId: string, revision?: number): boolean
  /** Background indexing reached `built` messages: the unsorted, unfiltered list grows. */
  noteIndexed(docId: string, built: number): void
  drop(docId: string): void
}

export type RowsStore = StoreApi<RowsState>

/** Drops empty filter parts so equivalent queries share a cache (and main's plain order). */
export function normalizeQuery(query: TableQuery): TableQuery {
  const normalized: TableQuery = {}
  if (query.sort && !(query.sort.column === 'index' && !query.sort.descending)) normalized.sort = query.sort
  const filter = query.filter
  if (filter) {
    const out: NonNullable<RowQuery['filter']> = {}
    if (filter.roles && filter.roles.length > 0) out.roles = [...filter.roles].sort()
    if (filter.text && filter.text.trim() !== '') out.text = filter.text
    if (filter.flaggedOnly) out.flaggedOnly = true
    if (Object.keys(out).length > 0) normalized.filter = out
  }
  return normalized
}

export const isPlainOrder = (query: TableQuery): boolean => {
  const normalized = normalizeQuery(query)
  return !normalized.sort && !normalized.filter
}

export const cacheKey = (docId: string, query: TableQuery): string => {
  const { sort, filter } = normalizeQuery(query)
  return `${docId}|${JSON.stringify([sort ?? null, filter ?? null])}`
}

export function rowAt(cache: RowCache | undefined, position: number): MessageRow | undefined {
  return cache?.windows[Math.floor(position / ROW_WINDOW)]?.[position % ROW_WINDOW]
}

function evict(windows: Record<number, MessageRow[]>, around: number): Record<number, MessageRow[]> {
  const numbers = Object.keys(windows).map(Number)
  if (numbers.length <= MAX_WINDOWS) return windows
  const keep = numbers.sort((a, b) => Math.abs(a - around) - Math.abs(b - around)).slice(0, MAX_WINDOWS)
  return Object.fromEntries(keep.map((n) => [n, windows[n]]))
}

export function createRowsStore(client: ApiClient): RowsStore {
  /** In-flight requests: cache key → window → generation it was asked for. */
  const inflight = new Map<string, Map<number, number>>()
  const lastUsed = new Map<string, number>()
  /** Per document, the newest revision the caches were invalidated for. */
  const invalidatedAt = new Map<string, number>()
  let clock = 0

  return createStore<RowsState>((set, get) => {
    const update = (key: string, change: (cache: RowCache) => RowCache): void => {
      const cache = get().caches[key]
      if (cache) set({ caches: { ...get().caches, [key]: change(cache) } })
    }

    const fetchWindow = async (key: string, cache: RowCache, n: number): Promise<void> => {
      const pending = inflight.get(key) ?? new Map<number, number>()
      inflight.set(key, pending)
      pending.set(n, cache.generation)
      const query = cache.query
      try {
        const result = await client.call('document.rows', {
          id: cache.docId,
          offset: n * ROW_WINDOW,
          limit: ROW_WINDOW,
          ...(query.sort ? { sort: query.sort } : {}),
          ...(query.filter ? { filter: query.filter } : {}),
        })
        const current = get().caches[key]
        if (!current || current.generation !== cache.generation) return
        update(key, (c) => {
          const windows = evict({ ...c.windows, [n]: result.rows }, n)
          // An evicted window is no longer fresh: scrolling back to it fetches it again.
          const fresh: Record<number, true> = {}
          for (const w of Object.keys({ ...c.fresh, [n]: true }))
            if (windows[Number(w)]) fresh[Number(w)] = true
          return { ...c, total: result.total, windows, fresh, error: null }
        })
      } catch (error) {
        const current = get().caches[key]
        if (current && current.generation === cache.generation)
          update(key, (c) => ({ ...c, error: errorText(error), total: c.total ?? 0 }))
      } finally {
        if (pending.get(n) === cache.generation) pending.delete(n)
      }
    }

    const forget = (key: string): void => {
      inflight.delete(key)
      lastUsed.delete(key)
    }

    return {
      caches: {},
      ensure(docId, rawQuery, start, end) {
        const query = normalizeQuery(rawQuery)
        const key = cacheKey(docId, query)
        lastUsed.set(key, ++clock)
        let cache = get().caches[key]
        if (!cache) {
          cache = { docId, query, total: null, windows: {}, fresh: {}, generation: 0, error: null }
          let caches = { ...get().caches, [key]: cache }
          const keys = Object.keys(caches)
          if (keys.length > MAX_CACHES) {
            const oldest = keys
              .filter((k) => k !== key)
              .sort((a, b) => (lastUsed.get(a) ?? 0) - (lastUsed.get(b) ?? 0))
            caches = { ...caches }
            for (const k of oldest.slice(0, keys.length - MAX_CACHES)) {
              delete caches[k]
              forget(k)
            }
          }
          set({ caches })
        }
        const last = cache.total === null ? Math.max(start, 0) : Math.min(end, cache.total) - 1
        const first = Math.max(0, start)
        const pending = inflight.get(key)
        for (
          let n = Math.floor(first / ROW_WINDOW);
          n <= Math.floor(Math.max(first, last) / ROW_WINDOW);
          n++
        ) {
          if (cache.total !== null && n * ROW_WINDOW >= cache.total && n > 0) break
          if (cache.fresh[n] || pending?.get(n) === cache.generation) continue
          void fetchWindow(key, cache, n)
        }
      },
      invalidate(docId, revision) {
        if (revision !== undefined) {
          if ((invalidatedAt.get(docId) ?? -1) >= revision) return false
          invalidatedAt.set(docId, revision)
        }
        const caches = { ...get().caches }
        for (const [key, cache] of Object.entries(caches)) {
          if (cache.docId === docId)
            caches[key] = { ...cache, fresh: {}, generation: cache.generation + 1, error: null }
        }
        set({ caches })
        return true
      },
      noteIndexed(docId, built) {
        const caches = { ...get().caches }
        let changed = false
        for (const [key, cache] of Object.entries(caches)) {
          if (
            cache.docId !== docId ||
            cache.query.sort ||
            cache.query.filter ||
            cache.total === null ||
            built <= cache.total
          )
            continue
          const fresh = { ...cache.fresh }
          delete fresh[Math.floor(cache.total / ROW_WINDOW)] // the window that was cut short at the old end
          caches[key] = { ...cache, total: built, fresh }
          changed = true
        }
        if (changed) set({ caches })
      },
      drop(docId) {
        invalidatedAt.delete(docId)
        const caches = { ...get().caches }
        for (const [key, cache] of Object.entries(caches)) {
          if (cache.docId === docId) {
            delete caches[key]
            forget(key)
          }
        }
        set({ caches })
      },
    }
  })
}
