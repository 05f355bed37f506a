import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api/apiError'
import { createFakeClient, flush } from '../testing/fakeClient'
import { summary } from '../testing/samples'
import { createStores, connectEvents } from './createStores'
import { cacheKey } from './rowsStore'

describe('documents store', () => {
  it('opens paths, shows a single document and reports failures as notices', async () => {
    const client = createFakeClient({
      'document.open': () => ({
        documents: [summary()],
        failures: [{ path: '/x.json', message: 'no such file' }],
      }),
      'workspace.recent': () => [{ path: '/data/03_tool_calls.json', openedMs: 1 }],
    })
    const stores = createStores(client)
    await stores.documents.getState().open(['/data/03_tool_calls.json', '/x.json'])
    expect(stores.documents.getState().activeId).toBe('d1')
    expect(stores.documents.getState().order).toEqual(['d1'])
    expect(stores.notices.getState().notices.map((n) => n.message)).toEqual([
      'Could not open /x.json: no such file',
    ])
    await flush()
    expect(stores.workspace.getState().recent).toHaveLength(1)
  })

  it('shows a failed call as a readable notice, not a crash', async () => {
    const client = createFakeClient({
      'document.open': () => {
        throw new ApiError({
          code: 'FORBIDDEN',
          message: 'outside the allowed folders',
          details: { file: '/etc/passwd' },
        })
      },
    })
    const stores = createStores(client)
    expect(await stores.documents.getState().open(['/etc/passwd'])).toBeNull()
    const [notice] = stores.notices.getState().notices
    expect(notice).toMatchObject({ level: 'error', where: '/etc/passwd' })
    expect(notice.message).toContain('outside the allowed folders')
  })

  it('re-queries rows, details and the summary when main says a document changed', async () => {
    const client = createFakeClient({
      'document.list': () => [summary()],
      'document.summary': () => summary({ revision: 1, messageCount: 12 }),
      'document.rows': ({ offset }) => ({ total: 12, offset, rows: [] }),
    })
    const stores = createStores(client)
    const off = connectEvents(stores)
    await stores.documents.getState().loadList()
    stores.rows.getState().ensure('d1', {}, 0, 10)
    await flush()
    const invalidate = vi.spyOn(stores.messages.getState(), 'invalidate')
    client.emit('document.changed', { id: 'd1', revision: 1, reason: 'reload' })
    await flush()
    expect(stores.documents.getState().summaries.d1.messageCount).toBe(12)
    expect(stores.documents.getState().changes.d1).toBe(1)
    expect(stores.rows.getState().caches[cacheKey('d1', {})].fresh).toEqual({})
    expect(invalidate).toHaveBeenCalledWith('d1')
    off()
  })

  it('keeps a final token total when an older summary of the same revision, still counting, arrives after it', () => {
    const stores = createStores(createFakeClient({}))
    connectEvents(stores)
    const documents = stores.documents.getState()
    documents.onOpened(summary({ indexing: true, marsysTokens: 500, marsysTokensFinal: true }))
    documents.onOpened(summary({ indexing: true, marsysTokens: 40, marsysTokensFinal: false }))
    expect(stores.documents.getState().summaries.d1).toMatchObject({
      marsysTokens: 500,
      marsysTokensFinal: true,
    })
    // The complete index's summary replaces it, and a later revision always does.
    documents.onOpened(summary({ indexing: false, marsysTokens: 500, marsysTokensFinal: true }))
    documents.onOpened(summary({ revision: 1, indexing: true, marsysTokens: 30, marsysTokensFinal: false }))
    expect(stores.documents.getState().summaries.d1).toMatchObject({ revision: 1, marsysTokens: 30 })
  })

  it('tracks progress by path and moves to a neighbour tab when one closes', async () => {
    const client = createFakeClient({ 'document.close': () => ({ closed: true }) })
    const stores = createStores(client)
    connectEvents(stores)
    client.emit('document.opened', summary({ id: 'a', path: '/a.json', indexing: true }))
    client.emit('document.opened', summary({ id: 'b', path: '/b.json' }))
    client.emit('document.progress', { path: '/a.json', done: 2000, total: 20001, phase: 'indexing' })
    expect(stores.documents.getState().progress['/a.json'].done).toBe(2000)
    client.emit('document.progress', { path: '/a.json', done: 20001, total: 20001, phase: 'indexing' })
    expect(stores.documents.getState().progress['/a.json']).toBeUndefined()
    stores.documents.getState().activate('a')
    expect(await stores.documents.getState().close('a')).toBe('closed')
    expect(stores.documents.getState().activeId).toBe('b')
  })

  it('says when a document has unsaved edits instead of closing it', async () => {
    const client = createFakeClient({
      'document.close': () => {
        throw new ApiError({ code: 'CONFLICT', message: 'unsaved edits' })
      },
    })
    const stores = createStores(client)
    stores.documents.getState().onOpened(summary())
    expect(await stores.documents.getState().close('d1')).toBe('dirty')
    expect(stores.documents.getState().order).toEqual(['d1'])
  })

  it('passes app.notice events to the notice area', () => {
    const client = createFakeClient()
    const stores = createStores(client)
    connectEvents(stores)
    client.emit('app.notice', {
      level: 'info',
      message: 'a.json changed on disk and was reloaded',
      documentId: 'd1',
    })
    expect(stores.notices.getState().notices[0].message).toBe('a.json changed on disk and was reloaded')
  })
})
