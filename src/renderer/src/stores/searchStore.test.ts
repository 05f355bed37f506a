import { describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../shared/model/document'
import { createFakeClient } from '../testing/fakeClient'
import { summary } from '../testing/samples'
import { createStores } from './createStores'
import { RERUN_DEBOUNCE_MS, stepHit } from './searchStore'

const hit = (documentId: string, index: number): SearchHit => ({
  documentId,
  index,
  messageId: index + 1,
  field: 'content',
  snippet: `text ${index}`,
  matchStart: 0,
  matchEnd: 4,
})

const debounced = () => new Promise((resolve) => setTimeout(resolve, RERUN_DEBOUNCE_MS + 50))
const settled = () => new Promise((resolve) => setTimeout(resolve, 0))

function setup() {
  const client = createFakeClient({
    'document.search': (query) => {
      const only = query.documentIds?.[0]
      if (only === 'b') return { total: 1, truncated: false, hits: [hit('b', 1)] }
      return {
        total: only ? 2 : 3,
        truncated: false,
        hits: only ? [hit('a', 2), hit('a', 7)] : [hit('a', 2), hit('a', 7), hit('b', 1)],
      }
    },
  })
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary({ id: 'a', path: '/a.json' }))
  stores.documents.getState().onOpened(summary({ id: 'b', path: '/b.json' }))
  stores.documents.getState().activate('a')
  return { client, stores }
}

describe('search', () => {
  it('wraps around when stepping through hits', () => {
    expect(stepHit(-1, 3, 1)).toBe(0)
    expect(stepHit(-1, 3, -1)).toBe(2)
    expect(stepHit(2, 3, 1)).toBe(0)
    expect(stepHit(0, 3, -1)).toBe(2)
    expect(stepHit(0, 0, 1)).toBe(-1)
  })

  it('searches the active document and jumps to the first hit', async () => {
    const { client, stores } = setup()
    stores.search.getState().setText('weather')
    await stores.search.getState().submit()
    expect(client.callsTo('document.search')[0]).toMatchObject({
      text: 'weather',
      documentIds: ['a'],
      regex: false,
    })
    expect(stores.view.getState().jump).toMatchObject({ docId: 'a', index: 2 })
    expect(stores.view.getState().panel).toBe('search')
  })

  it('moves to the next hit when the same search is submitted again (Enter, F3)', async () => {
    const { client, stores } = setup()
    stores.search.getState().setText('weather')
    await stores.search.getState().submit()
    await stores.search.getState().submit()
    expect(client.callsTo('document.search')).toHaveLength(1)
    expect(stores.view.getState().jump).toMatchObject({ docId: 'a', index: 7 })
    stores.search.getState().previous()
    expect(stores.view.getState().jump).toMatchObject({ docId: 'a', index: 2 })
  })

  it('searches every open document and switches to the hit’s document', async () => {
    const { client, stores } = setup()
    stores.search.getState().setOptions({ scope: 'all', regex: true, caseSensitive: true })
    stores.search.getState().setText('w.*r')
    await stores.search.getState().submit()
    expect(client.callsTo('document.search')[0].documentIds).toBeUndefined()
    stores.search.getState().goTo(2)
    expect(stores.documents.getState().activeId).toBe('b')
    expect(stores.view.getState().jump).toMatchObject({ docId: 'b', index: 1 })
  })

  it('shows an invalid regex as an error', async () => {
    const client = createFakeClient({
      'document.search': () => {
        throw new Error('Invalid regular expression: /(/: Unterminated group')
      },
    })
    const stores = createStores(client)
    stores.search.getState().setText('(')
    await stores.search.getState().submit()
    expect(stores.search.getState().status).toBe('error')
    expect(stores.search.getState().error).toContain('Invalid regular expression')
  })

  it('keeps each tab’s results: the counter and F3 follow the active tab', async () => {
    const { client, stores } = setup()
    stores.search.getState().setText('weather')
    await stores.search.getState().submit()
    stores.search.getState().next()
    expect(stores.search.getState()).toMatchObject({ active: 1, result: { total: 2 } })

    stores.documents.getState().activate('b')
    await settled()
    expect(client.callsTo('document.search').at(-1)?.documentIds).toEqual(['b'])
    expect(stores.search.getState()).toMatchObject({ active: -1, result: { total: 1 } })
    stores.search.getState().next()
    expect(stores.view.getState().jump).toMatchObject({ docId: 'b', index: 1 })

    stores.documents.getState().activate('a')
    expect(client.callsTo('document.search')).toHaveLength(2) // a's results were kept, not searched again
    expect(stores.search.getState()).toMatchObject({ active: 1, result: { total: 2 } })
    stores.search.getState().next()
    expect(stores.view.getState().jump).toMatchObject({ docId: 'a', index: 2 })
  })

  it('runs the search again when the scope or an option changes, once for a burst of changes', async () => {
    const { client, stores } = setup()
    stores.search.getState().setText('weather')
    await stores.search.getState().submit()
    stores.search.getState().setOptions({ scope: 'all' })
    stores.search.getState().setOptions({ caseSensitive: true })
    await debounced()
    await settled()
    const calls = client.callsTo('document.search')
    expect(calls).toHaveLength(2)
    expect(calls[1]).toMatchObject({ caseSensitive: true })
    expect(calls[1].documentIds).toBeUndefined()
    expect(stores.search.getState()).toMatchObject({ result: { total: 3 }, executed: { scope: 'all' } })

    stores.search.getState().setOptions({ scope: 'document' }) // back: this tab's own list, run again
    await debounced()
    await settled()
    expect(client.callsTo('document.search')).toHaveLength(3)
    expect(stores.search.getState().executed).toMatchObject({ scope: 'document', caseSensitive: true })
  })

  it('drops an answer that a newer search overtook', async () => {
    let release: () => void = () => undefined
    const client = createFakeClient({
      'document.search': async (query) => {
        if (query.text === 'slow') await new Promise<void>((resolve) => (release = resolve))
        return { total: 1, truncated: false, hits: [hit('a', query.text === 'slow' ? 9 : 3)] }
      },
    })
    const stores = createStores(client)
    stores.documents.getState().onOpened(summary({ id: 'a', path: '/a.json' }))
    stores.documents.getState().activate('a')
    stores.search.getState().setText('slow')
    const slow = stores.search.getState().run({ jump: false })
    stores.search.getState().setText('fast')
    await stores.search.getState().run({ jump: false })
    release()
    await slow
    expect(stores.search.getState().result?.hits[0].index).toBe(3)
  })

  it('searches the whole store and opens a hit’s session at its message', async () => {
    const client = createFakeClient({
      'store.search': (query) => ({
        hits: [
          {
            sessionId: 's-9',
            index: 4,
            messageId: 'm-4',
            field: 'content',
            snippet: 'Berlin',
            matchStart: 0,
            matchEnd: 6,
          },
        ],
        offset: query.offset ?? 0,
        total: 1,
        complete: true,
        candidates: 1,
        sessions: 12,
        elapsedMs: 3,
      }),
      'session.open': ({ id }) =>
        summary({ id: 'doc-s9', source: 'session', sessionId: id, path: `/store#${id}`, name: id }),
    })
    const stores = createStores(client)
    stores.search.getState().setOptions({ scope: 'store' })
    stores.search.getState().setText('berlin')
    await stores.search.getState().submit()
    expect(client.callsTo('store.search')[0]).toMatchObject({ text: 'berlin', offset: 0 })
    expect(stores.search.getState().storeResult).toMatchObject({ total: 1, sessions: 12 })
    expect(client.callsTo('session.open')).toEqual([]) // searching alone opens no tab
    await stores.search.getState().submit() // Enter again: the first hit
    await settled()
    await settled()
    expect(client.callsTo('session.open')).toEqual([{ id: 's-9' }])
    expect(stores.documents.getState().activeId).toBe('doc-s9')
    expect(stores.view.getState().jump).toMatchObject({ docId: 'doc-s9', index: 4 })
    expect(stores.search.getState()).toMatchObject({ scope: 'store', active: 0 })
  })
})
