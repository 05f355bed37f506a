// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { createFakeClient } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { copySelectedMessagePath } from './copyMessagePath'

function setup(overrides: Parameters<typeof summary>[0]) {
  const client = createFakeClient({ 'document.locate': () => ({ indices: [4] }) })
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary(overrides))
  return { client, stores }
}

const lastNotice = (stores: ReturnType<typeof createStores>) => stores.notices.getState().notices.at(-1)

describe('copying a message’s JSON path', () => {
  it('finds the message by its id and copies its path in the file', async () => {
    const { client, stores } = setup({})
    await copySelectedMessagePath(stores, 'd1', 17)
    expect(client.callsTo('document.locate')).toEqual([{ id: 'd1', messageIds: [17] }])
    expect(await navigator.clipboard.readText()).toBe('$.messages[4]')
    expect(lastNotice(stores)).toMatchObject({ level: 'info', message: 'Copied $.messages[4]' })
  })

  it('says the path is in the edited version while a file has unsaved edits', async () => {
    const { stores } = setup({ dirty: true })
    await copySelectedMessagePath(stores, 'd1', 17)
    expect(lastNotice(stores)?.message).toBe(
      'Copied $.messages[4] (the path in the edited version, not saved yet)',
    )
  })

  it('names the session for a store session (edits there are saved at once)', async () => {
    const { stores } = setup({ source: 'session', sessionId: 'chat-7', dirty: true })
    await copySelectedMessagePath(stores, 'd1', 17)
    expect(lastNotice(stores)?.message).toBe('Copied session chat-7: $.messages[4]')
  })
})
