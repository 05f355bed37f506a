// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { globalShortcut } from './useGlobalShortcuts'

const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  target: null,
  ...extra,
})

describe('global shortcuts', () => {
  it('focuses search on / and Ctrl/Cmd+F, but leaves / alone while typing', () => {
    const stores = createStores(createFakeClient())
    globalShortcut(key('/'), stores)?.()
    globalShortcut(key('f', { metaKey: true }), stores)?.()
    expect(stores.view.getState().searchFocus).toBe(2)
    expect(globalShortcut(key('/', { target: document.createElement('input') }), stores)).toBeNull()
    expect(globalShortcut(key('x'), stores)).toBeNull()
  })

  it('Ctrl/Cmd+O opens the native dialog where there is one, else focuses "Open path"', async () => {
    const client = createFakeClient({
      'workspace.openDialog': () => ({ paths: ['/a.json'] }),
      'document.open': () => ({ documents: [], failures: [] }),
    })
    const stores = createStores(client)
    globalShortcut(key('o', { ctrlKey: true }), stores)?.()
    expect(stores.workspace.getState().openPathFocus).toBe(1)
    stores.workspace.setState({ roots: { roots: [], restricted: false, canBrowse: true } })
    globalShortcut(key('o', { ctrlKey: true }), stores)?.()
    await flush()
    expect(client.callsTo('workspace.openDialog')).toEqual([{ folders: false }])
    expect(client.callsTo('document.open')).toEqual([{ paths: ['/a.json'] }])
  })

  it('F3 and Shift+F3 step through search results', async () => {
    const client = createFakeClient({
      'document.search': () => ({
        total: 2,
        truncated: false,
        hits: [1, 4].map((index) => ({
          documentId: 'd1',
          index,
          messageId: index + 1,
          field: 'content' as const,
          snippet: 'x',
          matchStart: 0,
          matchEnd: 1,
        })),
      }),
    })
    const stores = createStores(client)
    globalShortcut(key('F3'), stores)?.()
    expect(stores.view.getState().searchFocus).toBe(1)
    stores.search.getState().setText('x')
    await stores.search.getState().submit()
    globalShortcut(key('F3'), stores)?.()
    expect(stores.view.getState().jump?.index).toBe(4)
    globalShortcut(key('F3', { shiftKey: true }), stores)?.()
    expect(stores.view.getState().jump?.index).toBe(1)
  })

  it('switches documents with Ctrl+Tab / Ctrl+PageUp, closes one with Ctrl/Cmd+W, and opens Go to message', async () => {
    const client = createFakeClient({ 'document.close': () => ({ closed: true }) })
    const stores = createStores(client)
    for (const id of ['a', 'b', 'c'])
      stores.documents.getState().onOpened(summary({ id, name: `${id}.json` }))
    stores.documents.getState().activate('a')
    globalShortcut(key('Tab', { ctrlKey: true }), stores)?.()
    expect(stores.documents.getState().activeId).toBe('b')
    globalShortcut(key('Tab', { ctrlKey: true, shiftKey: true }), stores)?.()
    globalShortcut(key('PageUp', { ctrlKey: true }), stores)?.()
    expect(stores.documents.getState().activeId).toBe('c')
    globalShortcut(key('g', { metaKey: true }), stores)?.()
    expect(stores.view.getState().goToOpen).toBe(true)
    globalShortcut(key('w', { ctrlKey: true }), stores)?.()
    await flush()
    expect(client.callsTo('document.close')).toEqual([{ id: 'c' }])
    expect(stores.documents.getState().order).toEqual(['a', 'b'])
  })
})
