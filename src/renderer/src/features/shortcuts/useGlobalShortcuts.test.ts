// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { createFakeClient, flush } from '../../testing/fakeClient'
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
})
