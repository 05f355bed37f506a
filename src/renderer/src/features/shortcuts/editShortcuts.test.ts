// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EditResult } from '../../../../shared/model/edit'
import { ApiError } from '../../api/apiError'
import { createStores } from '../../stores/createStores'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { idAt, summary } from '../../testing/samples'
import { runMenuCommand } from './menuCommands'
import { globalShortcut } from './useGlobalShortcuts'

const state = (revision: number): EditResult => ({
  insertedIds: [],
  id: 'd1',
  revision,
  dirty: true,
  canUndo: true,
  canRedo: true,
  undoLabel: 'Edit content of #1',
  redoLabel: 'Delete #2',
  disk: 'same',
  path: '/data/03_tool_calls.json',
})

const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  target: document.body as EventTarget | null,
  ...extra,
})

function setup() {
  const client = createFakeClient({
    'document.state': () => state(3),
    'document.undo': () => state(4),
    'document.redo': () => state(5),
    'document.edit': () => state(6),
    // Ids as main gives them to a file just opened: the message at index i has id i + 1.
    'document.locate': ({ messageIds }) => ({ indices: messageIds.map((id) => id - 1) }),
    'document.save': () => ({
      state: state(7),
      path: '/data/03_tool_calls.json',
      bytes: 1,
      backupPath: null,
      changedMessages: 1,
    }),
  })
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary({ messageCount: 11 }))
  stores.documents.getState().activate('d1')
  return { client, stores }
}

afterEach(() => {
  document.body.innerHTML = ''
})

function element(html: string): HTMLElement {
  document.body.innerHTML = html
  return document.body.querySelector('[data-target]') as HTMLElement
}

describe('editing keys', () => {
  it('Ctrl/Cmd+Z undoes and Shift+Ctrl/Cmd+Z and Ctrl+Y redo in the document', async () => {
    const { client, stores } = setup()
    globalShortcut(key('z', { ctrlKey: true }), stores)?.()
    globalShortcut(key('Z', { metaKey: true, shiftKey: true }), stores)?.()
    globalShortcut(key('y', { ctrlKey: true }), stores)?.()
    await flush()
    expect(client.callsTo('document.undo')).toHaveLength(1)
    expect(client.callsTo('document.redo')).toHaveLength(2)
  })

  it('leaves undo to text fields, CodeMirror, editors and dialogs', () => {
    const { stores } = setup()
    const targets = [
      element('<input data-target type="text">'),
      element('<textarea data-target></textarea>'),
      element('<div class="cm-content" contenteditable="true" data-target></div>'),
      element('<form data-editor><button data-target type="button">Apply</button></form>'),
      element('<dialog open><button data-target type="button">Save anyway</button></dialog>'),
    ]
    for (const target of targets) {
      expect(globalShortcut(key('z', { ctrlKey: true, target }), stores)).toBeNull()
      expect(globalShortcut(key('Delete', { target }), stores)).toBeNull()
      expect(globalShortcut(key('ArrowUp', { altKey: true, target }), stores)).toBeNull()
    }
  })

  it('saves with Ctrl/Cmd+S even from a text field, and Save As with Shift', async () => {
    const { client, stores } = setup()
    const input = element('<input data-target type="text">')
    const save = globalShortcut(key('s', { ctrlKey: true, target: input }), stores)
    expect(save).not.toBeNull()
    save?.()
    await flush()
    expect(client.callsTo('document.save')).toEqual([{ id: 'd1' }])
    globalShortcut(key('S', { metaKey: true, shiftKey: true }), stores)?.()
    expect(stores.saveFlow.getState().step).toMatchObject({ kind: 'askPath' })
  })

  it('Delete deletes the selection and Alt+↑/↓ move it, as one edit each', async () => {
    const { client, stores } = setup()
    stores.view.getState().select('d1', idAt(4))
    stores.view.getState().toggleInSelection('d1', idAt(6))
    globalShortcut(key('Delete'), stores)?.()
    await flush()
    expect(client.callsTo('document.locate')[0]).toEqual({ id: 'd1', messageIds: [idAt(4), idAt(6)] })
    expect(client.callsTo('document.edit')[0].commands).toEqual([{ op: 'delete', indices: [4, 6] }])
    // The cursor goes to whatever now sits where the first deleted message was.
    expect(stores.view.getState().views.d1).toMatchObject({ selected: null, multi: [] })
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 4, scroll: false })

    stores.view.getState().select('d1', idAt(2))
    globalShortcut(key('ArrowUp', { altKey: true }), stores)?.()
    await flush()
    expect(client.callsTo('document.edit')[1].commands).toEqual([
      { op: 'move', indices: [2], direction: 'up' },
    ])
    // Ids move with their messages: the moved message is still the selected one.
    expect(stores.view.getState().views.d1.selected).toBe(idAt(2))
  })

  it('keeps an open message editor on its message while others are deleted or undone', async () => {
    const { client, stores } = setup()
    stores.view.getState().select('d1', idAt(2))
    stores.view.getState().openEditor('d1', idAt(5), 'fields')
    globalShortcut(key('Delete'), stores)?.()
    globalShortcut(key('z', { ctrlKey: true }), stores)?.()
    await flush()
    expect(client.callsTo('document.edit')[0].commands).toEqual([{ op: 'delete', indices: [2] }])
    expect(client.callsTo('document.undo')).toHaveLength(1)
    expect(stores.view.getState().views.d1.editing).toEqual({ [idAt(5)]: 'fields' })
  })

  it('does nothing without a document, and ignores keys an inner element already handled', () => {
    const { stores } = setup()
    expect(globalShortcut(key('f', { ctrlKey: true, defaultPrevented: true }), stores)).toBeNull()
    stores.documents.getState().activate(null)
    expect(globalShortcut(key('z', { ctrlKey: true }), stores)).toBeNull()
    expect(globalShortcut(key('Delete'), stores)).toBeNull()
  })
})

describe('menu commands', () => {
  it('undo/redo go to the focused field’s own history, else to the document', async () => {
    const { client, stores } = setup()
    const inField = vi.fn(() => true)
    runMenuCommand('undo', stores, inField)
    expect(inField).toHaveBeenCalledWith('undo')
    await flush()
    expect(client.callsTo('document.undo')).toEqual([])
    runMenuCommand('undo', stores, () => false)
    runMenuCommand('redo', stores, () => false)
    await flush()
    expect(client.callsTo('document.undo')).toEqual([{ id: 'd1' }])
    expect(client.callsTo('document.redo')).toEqual([{ id: 'd1' }])
  })

  it('save, save as, revert, close, find and about do what their keys and buttons do', async () => {
    const { client, stores } = setup()
    runMenuCommand('save', stores)
    await flush()
    expect(client.callsTo('document.save')).toHaveLength(1)
    runMenuCommand('revert', stores)
    expect(stores.saveFlow.getState().step).toEqual({ kind: 'confirmRevert', docId: 'd1' })
    stores.saveFlow.getState().cancel()
    runMenuCommand('saveAs', stores)
    await flush()
    expect(stores.saveFlow.getState().step.kind).toBe('askPath')
    runMenuCommand('find', stores)
    runMenuCommand('about', stores)
    expect(stores.view.getState()).toMatchObject({ searchFocus: 1, aboutOpen: true })
    client.handlers['document.close'] = () => {
      throw new ApiError({ code: 'CONFLICT', message: 'd1 has unsaved edits' })
    }
    runMenuCommand('close', stores)
    await flush()
    expect(stores.view.getState().confirmClose).toBe('d1')
  })
})
