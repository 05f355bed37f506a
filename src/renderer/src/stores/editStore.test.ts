import { describe, expect, it } from 'vitest'
import type { DocumentState, EditCommand } from '../../../shared/model/edit'
import { ApiError } from '../api/apiError'
import { createFakeClient, flush } from '../testing/fakeClient'
import { createStores, connectEvents } from './createStores'

const state = (revision: number, overrides: Partial<DocumentState> = {}): DocumentState => ({
  id: 'd1',
  revision,
  dirty: revision > 0,
  canUndo: revision > 0,
  canRedo: false,
  undoLabel: revision > 0 ? `edit ${revision}` : null,
  redoLabel: null,
  disk: 'same',
  path: '/data/a.json',
  ...overrides,
})

const edit = (index: number): EditCommand[] => [{ op: 'setContentText', index, text: `text ${index}` }]

/** A main that applies edits only at its current revision, answering after `release()`. */
function fakeMain() {
  let revision = 0
  const waiting: (() => void)[] = []
  const client = createFakeClient({
    'document.state': () => state(revision),
    'document.edit': async (input) => {
      await new Promise<void>((resolve) => waiting.push(resolve))
      if (input.revision !== revision)
        throw new ApiError({ code: 'CONFLICT', message: `stale revision ${input.revision}` })
      revision++
      return { ...state(revision), insertedIds: [] }
    },
  })
  return {
    client,
    bump: () => revision++,
    release: async () => {
      await flush()
      while (waiting.length > 0) {
        waiting.shift()?.()
        await flush()
      }
    },
  }
}

describe('edit store', () => {
  it('sends each edit with the revision the previous one produced, one at a time', async () => {
    const main = fakeMain()
    const stores = createStores(main.client)
    const first = stores.edit.getState().edit('d1', edit(1))
    const second = stores.edit.getState().edit('d1', edit(2))
    await flush()
    // The second waits for the first: only one edit is on its way.
    expect(main.client.callsTo('document.edit')).toHaveLength(1)
    expect(stores.edit.getState().pending.d1).toBe(2)
    await main.release()
    expect(await first).toMatchObject({ ok: true, state: { revision: 1 } })
    expect(await second).toMatchObject({ ok: true, state: { revision: 2 } })
    expect(main.client.callsTo('document.edit').map((call) => call.revision)).toEqual([0, 1])
    expect(stores.edit.getState().states.d1).toMatchObject({ revision: 2, dirty: true })
    expect(stores.edit.getState().pending.d1).toBeUndefined()
  })

  it('on a stale revision applies nothing, re-reads the state and says so; the next edit uses it', async () => {
    const main = fakeMain()
    const stores = createStores(main.client)
    await stores.edit.getState().ensure('d1')
    main.bump() // reloaded from disk behind our back
    const outcome = stores.edit.getState().edit('d1', edit(1))
    await main.release()
    expect(await outcome).toMatchObject({ ok: false, reason: 'stale' })
    expect(stores.edit.getState().states.d1.revision).toBe(1)
    const retry = stores.edit.getState().edit('d1', edit(1))
    await main.release()
    expect(await retry).toMatchObject({ ok: true, state: { revision: 2 } })
    expect(main.client.callsTo('document.edit').map((call) => call.revision)).toEqual([0, 1])
  })

  it('passes invalid JSON back with where main found it', async () => {
    const client = createFakeClient({
      'document.state': () => state(0),
      'document.edit': () => {
        throw new ApiError({
          code: 'INVALID_INPUT',
          message: 'The content of message 2 is not valid JSON',
          details: { line: 3, column: 5 },
        })
      },
    })
    const stores = createStores(client)
    const outcome = await stores.edit.getState().edit('d1', [{ op: 'setContentJson', index: 2, json: '[' }])
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid' })
    expect(!outcome.ok && outcome.message).toBe(
      'The content of message 2 is not valid JSON (line 3, column 5)',
    )
  })

  it('keeps the newest state when an older answer arrives late, and refreshes on disk changes', async () => {
    let disk: DocumentState['disk'] = 'same'
    let answerState: () => void = () => undefined
    const client = createFakeClient({
      'document.state': async () => {
        const snapshot = state(3, { disk })
        if (disk === 'same') await new Promise<void>((resolve) => (answerState = resolve))
        return snapshot
      },
      'document.undo': () => state(4),
      'document.summary': () => {
        throw new ApiError({ code: 'NOT_FOUND', message: 'not in this test' })
      },
    })
    const stores = createStores(client)
    connectEvents(stores)
    const ensured = stores.edit.getState().ensure('d1')
    await flush()
    stores.edit.setState({ states: { d1: state(3) } })
    await stores.edit.getState().undo('d1')
    answerState()
    await ensured
    expect(stores.edit.getState().states.d1.revision).toBe(4)

    disk = 'changed'
    client.emit('document.changed', { id: 'd1', revision: 4, reason: 'disk' })
    await flush()
    // An answer describing an older revision never replaces a newer state.
    expect(stores.edit.getState().states.d1.revision).toBe(4)
    client.handlers['document.state'] = () => state(4, { disk: 'changed' })
    client.emit('document.changed', { id: 'd1', revision: 4, reason: 'disk' })
    await flush()
    expect(stores.edit.getState().states.d1.disk).toBe('changed')
  })
})
