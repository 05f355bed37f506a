import { describe, expect, it } from 'vitest'
import type { InputOf } from '../../../shared/contract'
import { createFakeClient, flush } from '../testing/fakeClient'
import { row } from '../testing/samples'
import { cacheKey, createRowsStore, MAX_WINDOWS, normalizeQuery, ROW_WINDOW, rowAt } from './rowsStore'

function setup(total = 1000, label = 'v1') {
  let current = { total, label }
  const client = createFakeClient({
    'document.rows': ({ offset, limit }: InputOf<'document.rows'>) => ({
      total: current.total,
      offset,
      rows: Array.from({ length: Math.max(0, Math.min(limit, current.total - offset)) }, (_, i) =>
        row(offset + i, { preview: `${current.label} ${offset + i}` }),
      ),
    }),
  })
  const store = createRowsStore(client)
  return { client, store, setData: (next: typeof current) => (current = next) }
}

describe('rows store', () => {
  it('fetches only the windows covering the visible range, once', async () => {
    const { client, store } = setup()
    store.getState().ensure('d1', {}, 0, 30)
    await flush()
    // The total is unknown at first: one window, then the rest once the total is known.
    expect(client.callsTo('document.rows')).toEqual([{ id: 'd1', offset: 0, limit: ROW_WINDOW }])
    store.getState().ensure('d1', {}, 190, 420)
    store.getState().ensure('d1', {}, 190, 420)
    await flush()
    expect(client.callsTo('document.rows').map((c) => c.offset)).toEqual([0, 200, 400])
    const cache = store.getState().caches[cacheKey('d1', {})]
    expect(cache.total).toBe(1000)
    expect(rowAt(cache, 401)?.preview).toBe('v1 401')
    expect(rowAt(cache, 900)).toBeUndefined()
  })

  it('sends sort and filter to main and keeps a cache per query', async () => {
    const { client, store } = setup()
    const query = {
      sort: { column: 'tokens' as const, descending: true },
      filter: { roles: ['user'], text: '' },
    }
    store.getState().ensure('d1', query, 0, 10)
    await flush()
    expect(client.callsTo('document.rows')[0]).toEqual({
      id: 'd1',
      offset: 0,
      limit: ROW_WINDOW,
      sort: { column: 'tokens', descending: true },
      filter: { roles: ['user'] },
    })
    expect(Object.keys(store.getState().caches)).toEqual([cacheKey('d1', query)])
    expect(normalizeQuery({ sort: { column: 'index', descending: false }, filter: { text: ' ' } })).toEqual(
      {},
    )
  })

  it('re-queries after a change and keeps the old rows on screen meanwhile', async () => {
    const { client, store, setData } = setup()
    store.getState().ensure('d1', {}, 0, 10)
    await flush()
    setData({ total: 5, label: 'v2' })
    store.getState().invalidate('d1')
    const key = cacheKey('d1', {})
    expect(rowAt(store.getState().caches[key], 3)?.preview).toBe('v1 3')
    store.getState().ensure('d1', {}, 0, 10)
    await flush()
    expect(client.callsTo('document.rows')).toHaveLength(2)
    expect(rowAt(store.getState().caches[key], 3)?.preview).toBe('v2 3')
    expect(store.getState().caches[key].total).toBe(5)
  })

  it('drops the rows once per revision: the answer to an edit and its event both announce it', async () => {
    const { client, store } = setup()
    store.getState().ensure('d1', {}, 0, 10)
    await flush()
    const key = cacheKey('d1', {})
    expect(store.getState().invalidate('d1', 4)).toBe(true)
    expect(store.getState().caches[key].fresh).toEqual({})
    store.getState().ensure('d1', {}, 0, 10)
    await flush()
    expect(store.getState().invalidate('d1', 4)).toBe(false)
    expect(store.getState().invalidate('d1', 3)).toBe(false)
    expect(store.getState().caches[key].fresh).toEqual({ 0: true })
    // Without a revision (indexing finished, the file changed on disk) it always drops them.
    expect(store.getState().invalidate('d1')).toBe(true)
    expect(store.getState().invalidate('d1', 5)).toBe(true)
    expect(client.callsTo('document.rows')).toHaveLength(2)
  })

  it('ignores an answer that arrives after the document changed', async () => {
    let release: () => void = () => undefined
    const client = createFakeClient({
      'document.rows': ({ offset }) =>
        new Promise((resolve) => {
          release = () => resolve({ total: 10, offset, rows: [row(0, { preview: 'old' })] })
        }),
    })
    const store = createRowsStore(client)
    store.getState().ensure('d1', {}, 0, 10)
    store.getState().invalidate('d1')
    release()
    await flush()
    expect(rowAt(store.getState().caches[cacheKey('d1', {})], 0)).toBeUndefined()
  })

  it('grows the plain list while main indexes in the background', async () => {
    const { client, store, setData } = setup(200)
    store.getState().ensure('d1', {}, 0, 50)
    await flush()
    setData({ total: 2000, label: 'v1' })
    store.getState().noteIndexed('d1', 2000)
    const key = cacheKey('d1', {})
    expect(store.getState().caches[key].total).toBe(2000)
    store.getState().ensure('d1', {}, 150, 250)
    await flush()
    expect(client.callsTo('document.rows').map((c) => c.offset)).toEqual([0, 200])
  })

  it('evicts the windows farthest from where the user is, and fetches them again when needed', async () => {
    const { client, store } = setup(ROW_WINDOW * (MAX_WINDOWS + 10))
    for (let n = 0; n < MAX_WINDOWS + 10; n++) {
      store.getState().ensure('d1', {}, n * ROW_WINDOW, n * ROW_WINDOW + 1)
      await flush(2)
    }
    const windows = store.getState().caches[cacheKey('d1', {})].windows
    expect(Object.keys(windows)).toHaveLength(MAX_WINDOWS)
    expect(windows[0]).toBeUndefined()
    expect(windows[MAX_WINDOWS + 9]).toBeDefined()
    const before = client.callsTo('document.rows').length
    store.getState().ensure('d1', {}, 0, 10)
    await flush()
    expect(client.callsTo('document.rows')).toHaveLength(before + 1)
  })

  it('reports a failed window instead of throwing', async () => {
    const client = createFakeClient({
      'document.rows': () => {
        throw new Error('engine not ready')
      },
    })
    const store = createRowsStore(client)
    store.getState().ensure('d1', {}, 0, 10)
    await flush()
    expect(store.getState().caches[cacheKey('d1', {})].error).toBe('engine not ready')
  })
})
