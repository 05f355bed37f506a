import { describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../shared/model/document'
import { createFakeClient } from '../testing/fakeClient'
import { summary } from '../testing/samples'
import { createStores } from './createStores'
import { stepHit } from './searchStore'

const hit = (documentId: string, index: number): SearchHit => ({
  documentId,
  index,
  messageId: index + 1,
  field: 'content',
  snippet: `text ${index}`,
  matchStart: 0,
  matchEnd: 4,
})

function setup() {
  const client = createFakeClient({
    'document.search': (query) => ({
      total: 3,
      truncated: false,
      hits: query.documentIds ? [hit('a', 2), hit('a', 7)] : [hit('a', 2), hit('a', 7), hit('b', 1)],
    }),
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
})
