import { describe, expect, it } from 'vitest'
import type { InputOf } from '../../../shared/contract'
import type { DocumentState, SaveResult } from '../../../shared/model/edit'
import { ApiError } from '../api/apiError'
import { createFakeClient, type FakeHandlers } from '../testing/fakeClient'
import { summary } from '../testing/samples'
import { createStores } from './createStores'
import { savedMessage } from './saveFlowStore'

const state = (overrides: Partial<DocumentState> = {}): DocumentState => ({
  id: 'd1',
  revision: 5,
  dirty: false,
  canUndo: true,
  canRedo: false,
  undoLabel: 'Edit content of #1',
  redoLabel: null,
  disk: 'same',
  path: '/data/a.json',
  ...overrides,
})

const saved = (path = '/data/a.json', changedMessages = 1): SaveResult => ({
  state: state(),
  path,
  bytes: 2000,
  backupPath: `${path}.bak`,
  changedMessages,
})

type SaveInput = InputOf<'document.save'>

/** A main that refuses a save until the options that lift each guard are given. */
function setup(
  guards: { unloadable?: boolean; disk?: 'changed-on-disk' | 'missing-on-disk' },
  door: 'web' | 'electron' = 'web',
  extra: FakeHandlers = {},
) {
  const refuse = (input: SaveInput & { path?: string }): SaveResult => {
    if (guards.unloadable && !input.allowUnloadable)
      throw new ApiError({
        code: 'CONFLICT',
        message: "MARSYS's loader would refuse the saved file",
        details: {
          reason: 'marsys-unloadable',
          problems: [{ message: 'message 1: a message needs a role', path: '$.messages[1]' }],
        },
      })
    if (guards.disk && !input.path && !input.overwrite)
      throw new ApiError({
        code: 'CONFLICT',
        message: 'a.json changed on disk',
        details: { reason: guards.disk },
      })
    return saved(input.path ?? '/data/a.json')
  }
  const client = createFakeClient(
    {
      'document.save': refuse,
      'document.saveAs': (input) => {
        if (input.path === '/data/exists.json' && !input.overwrite)
          throw new ApiError({
            code: 'CONFLICT',
            message: '/data/exists.json already exists',
            details: { reason: 'target-exists' },
          })
        return refuse(input)
      },
      'document.revert': () => state({ revision: 6 }),
      ...extra,
    },
    door,
  )
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary({ path: '/data/a.json', dirty: true }))
  stores.edit.setState({ states: { d1: state({ dirty: true }) } })
  return { client, stores, flow: stores.saveFlow }
}

describe('save flow', () => {
  it('saves, and says how many messages changed and where the backup is', async () => {
    const { flow, stores } = setup({})
    await flow.getState().save('d1')
    expect(flow.getState().step).toEqual({ kind: 'idle' })
    expect(stores.notices.getState().notices[0].message).toBe(
      'Saved 1 changed message to a.json · backup at /data/a.json.bak',
    )
    // A save that only removed messages writes none anew, and a new file has no backup.
    expect(savedMessage({ ...saved('/data/b.json', 0), backupPath: null })).toBe('Saved b.json')
  })

  it('says when an open message editor’s changes are not part of the save', async () => {
    const { flow, stores } = setup({})
    stores.view.getState().openEditor('d1', 4, 'fields')
    await flow.getState().save('d1')
    expect(stores.notices.getState().notices.map((notice) => notice.message)).toEqual([
      'Saved 1 changed message to a.json · backup at /data/a.json.bak',
      'Message #4 still has an open editor: apply, then save again to include its changes',
    ])
  })

  it('unloadable: shows the reasons; Save anyway retries with allowUnloadable', async () => {
    const { flow, client } = setup({ unloadable: true })
    await flow.getState().save('d1')
    const step = flow.getState().step
    expect(step.kind).toBe('unloadable')
    expect(step.kind === 'unloadable' && step.problems).toEqual([
      { message: 'message 1: a message needs a role', path: '$.messages[1]' },
    ])
    await flow.getState().saveAnyway()
    expect(flow.getState().step.kind).toBe('idle')
    expect(client.callsTo('document.save')).toEqual([{ id: 'd1' }, { id: 'd1', allowUnloadable: true }])
  })

  it('unloadable and changed on disk: each answer keeps the options given before (save anyway, then overwrite)', async () => {
    const { flow, client } = setup({ unloadable: true, disk: 'changed-on-disk' })
    await flow.getState().save('d1')
    await flow.getState().saveAnyway()
    expect(flow.getState().step).toMatchObject({ kind: 'conflict', reason: 'changed-on-disk' })
    await flow.getState().overwrite()
    expect(flow.getState().step.kind).toBe('idle')
    expect(client.callsTo('document.save').at(-1)).toEqual({
      id: 'd1',
      allowUnloadable: true,
      overwrite: true,
    })
  })

  it('changed on disk → Reload drops the edits (revert), nothing is written', async () => {
    const { flow, client, stores } = setup({ disk: 'changed-on-disk' })
    await flow.getState().save('d1')
    expect(flow.getState().step.kind).toBe('conflict')
    await flow.getState().reload()
    expect(flow.getState().step.kind).toBe('idle')
    expect(client.callsTo('document.revert')).toEqual([{ id: 'd1' }])
    expect(client.callsTo('document.save')).toHaveLength(1)
    expect(stores.edit.getState().states.d1.revision).toBe(6)
  })

  it('changed on disk → Save as… asks for a path in web mode, and confirms replacing an existing file', async () => {
    const { flow, client } = setup({ disk: 'missing-on-disk' })
    await flow.getState().save('d1')
    expect(flow.getState().step).toMatchObject({ kind: 'conflict', reason: 'missing-on-disk' })
    await flow.getState().saveAsInstead()
    expect(flow.getState().step).toMatchObject({ kind: 'askPath', defaultPath: '/data/a.json', error: null })
    expect(client.callsTo('workspace.saveDialog')).toEqual([])
    await flow.getState().submitPath('  ')
    expect(flow.getState().step).toMatchObject({
      kind: 'askPath',
      error: 'Type the path of the file to write',
    })
    await flow.getState().submitPath('/data/exists.json')
    expect(flow.getState().step).toMatchObject({ kind: 'targetExists', path: '/data/exists.json' })
    await flow.getState().overwrite()
    expect(flow.getState().step.kind).toBe('idle')
    expect(client.callsTo('document.saveAs')).toEqual([
      { id: 'd1', path: '/data/exists.json' },
      { id: 'd1', path: '/data/exists.json', overwrite: true },
    ])
  })

  it('Save As in Electron uses the native dialog; cancelling it does nothing; a refused path is asked again', async () => {
    let answer: string | null = null
    const { flow, client } = setup({}, 'electron', {
      'workspace.saveDialog': () => ({ path: answer }),
    })
    await flow.getState().saveAs('d1')
    expect(client.callsTo('workspace.saveDialog')).toEqual([{ defaultPath: '/data/a.json' }])
    expect(flow.getState().step.kind).toBe('idle')
    expect(client.callsTo('document.saveAs')).toEqual([])
    answer = '/data/b.json'
    await flow.getState().saveAs('d1')
    expect(client.callsTo('document.saveAs')).toEqual([{ id: 'd1', path: '/data/b.json' }])

    client.handlers['document.saveAs'] = () => {
      throw new ApiError({
        code: 'FORBIDDEN',
        message: 'outside the allowed folders',
        details: { file: '/etc/x' },
      })
    }
    answer = '/etc/x'
    await flow.getState().saveAs('d1')
    expect(flow.getState().step).toMatchObject({
      kind: 'askPath',
      defaultPath: '/etc/x',
      error: 'outside the allowed folders (/etc/x)',
    })
  })

  it('falls back to a typed path when the native dialog is unsupported', async () => {
    const { flow } = setup({}, 'electron', {
      'workspace.saveDialog': () => {
        throw new ApiError({ code: 'UNSUPPORTED', message: 'no native dialogs in web mode' })
      },
    })
    await flow.getState().saveAs('d1')
    expect(flow.getState().step).toMatchObject({ kind: 'askPath', defaultPath: '/data/a.json' })
  })

  it('Revert asks first when there are unsaved edits', async () => {
    const { flow, client } = setup({})
    await flow.getState().revert('d1')
    expect(flow.getState().step).toEqual({ kind: 'confirmRevert', docId: 'd1' })
    flow.getState().cancel()
    expect(client.callsTo('document.revert')).toEqual([])
    await flow.getState().revert('d1')
    await flow.getState().confirmRevert()
    expect(client.callsTo('document.revert')).toEqual([{ id: 'd1' }])
  })
})
