import { describe, expect, it } from 'vitest'
import { createFakeClient, flush } from '../testing/fakeClient'
import { detail } from '../testing/samples'
import { createMessagesStore, detailKey, imageKey } from './messagesStore'

describe('messages store', () => {
  it('fetches a detail once and again only after the document changed', async () => {
    let version = 1
    const client = createFakeClient({ 'document.message': ({ index }) => detail(index, { tokens: version }) })
    const store = createMessagesStore(client)
    store.getState().load('d1', 3)
    store.getState().load('d1', 3)
    await flush()
    store.getState().load('d1', 3)
    expect(client.callsTo('document.message')).toEqual([{ id: 'd1', index: 3 }])
    version = 2
    store.getState().invalidate('d1')
    const stale = store.getState().details[detailKey('d1', 3)]
    expect(stale.fresh).toBe(false)
    expect(stale.detail?.tokens).toBe(1)
    store.getState().load('d1', 3)
    await flush()
    expect(store.getState().details[detailKey('d1', 3)].detail?.tokens).toBe(2)
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
    store.getState().loadImage('d1', 0, 1)
    store.getState().loadImage('d1', 0, 9)
    await flush()
    expect(store.getState().images[imageKey('d1', 0, 1)].dataUrl).toContain('data:image/png')
    expect(store.getState().images[imageKey('d1', 0, 9)].error).toBe('no image there')
  })
})
