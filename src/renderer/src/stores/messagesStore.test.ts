import { describe, expect, it } from 'vitest'
import { createFakeClient, flush } from '../testing/fakeClient'
import { detail } from '../testing/samples'
import { createMessagesStore, detailKey, imageKey } from './messagesStore'

describe('messages store', () => {
  it('fetches a detail once and again only after the document changed', async () => {
    let version = 1
    const client = createFakeClient({ 'document.message': ({ index }) => detail(index, { tokens: version }) })
    const store = createMessagesStore(client)
    const ref = { index: 3, messageId: 4 }
    store.getState().load('d1', ref)
    store.getState().load('d1', ref)
    await flush()
    store.getState().load('d1', ref)
    expect(client.callsTo('document.message')).toEqual([{ id: 'd1', index: 3, messageId: 4 }])
    version = 2
    store.getState().invalidate('d1')
    const stale = store.getState().details[detailKey('d1', ref)]
    expect(stale.fresh).toBe(false)
    expect(stale.detail?.tokens).toBe(1)
    store.getState().load('d1', ref)
    await flush()
    expect(store.getState().details[detailKey('d1', ref)].detail?.tokens).toBe(2)
  })

  it('keeps a message by id apart from whatever sits at its old position', async () => {
    const client = createFakeClient({ 'document.message': ({ index }) => detail(index) })
    const store = createMessagesStore(client)
    store.getState().load('d1', { index: 2, messageId: 9 })
    store.getState().load('d1', { index: 2 })
    await flush()
    expect(client.callsTo('document.message')).toEqual([
      { id: 'd1', index: 2, messageId: 9 },
      { id: 'd1', index: 2 },
    ])
    expect(detailKey('d1', { index: 2, messageId: 9 })).not.toBe(detailKey('d1', { index: 2 }))
  })

  it('loads an image only when asked, and keeps errors readable', async () => {
    const client = createFakeClient({
      'document.image': ({ partIndex }) => {
        if (partIndex === 9) throw new Error('no image there')
        return { dataUrl: 'data:image/png;base64,AAAA', mime: 'image/png', bytes: 3 }
      },
    })
    const store = createMessagesStore(client)
    expect(client.calls).toHaveLength(0)
    store.getState().loadImage('d1', { index: 0, messageId: 1 }, 1)
    store.getState().loadImage('d1', { index: 0, messageId: 1 }, 9)
    await flush()
    expect(store.getState().images[imageKey('d1', 1, 1)].dataUrl).toContain('data:image/png')
    expect(store.getState().images[imageKey('d1', 1, 9)].error).toBe('no image there')
  })
})
