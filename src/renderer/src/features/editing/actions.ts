import type { EditCommand } from '../../../../shared/model/edit'
import type { Stores } from '../../stores/createStores'
import { selectionOf, viewOf } from '../../stores/viewStore'
import { afterDelete, afterDuplicate, afterMove, canMove, type SelectionAfter } from './structure'

/** The messages with an open editor in a document. */
export const openEditors = (stores: Stores, docId: string): number[] =>
  Object.keys(viewOf(stores.view.getState(), docId).editing).map(Number)

/**
 * Structural edits and undo/redo shift message indices, and an open editor is tied to its index: they wait
 * until the editor is applied or cancelled instead of landing its draft on another message.
 */
function blockedByEditor(stores: Stores, docId: string): boolean {
  const open = openEditors(stores, docId)
  if (open.length === 0) return false
  stores.notices.getState().push({
    level: 'warning',
    message: `Apply or cancel the edit of message #${open[0]} first`,
    documentId: docId,
  })
  return true
}

const messageCount = (stores: Stores, docId: string): number =>
  stores.documents.getState().summaries[docId]?.messageCount ?? 0

async function structural(
  stores: Stores,
  docId: string,
  command: EditCommand,
  selection: SelectionAfter | null,
): Promise<boolean> {
  if (blockedByEditor(stores, docId)) return false
  const outcome = await stores.edit.getState().edit(docId, [command])
  if (!outcome.ok) {
    stores.notices.getState().push({ level: 'error', message: outcome.message, documentId: docId })
    return false
  }
  const view = stores.view.getState()
  // Open raw JSON views were keyed by index: they would now show other messages.
  view.patch(docId, { expanded: {} })
  if (selection) view.setSelection(docId, selection.indices, selection.focus)
  return true
}

export function deleteMessages(stores: Stores, docId: string, indices: number[]): Promise<boolean> {
  if (indices.length === 0) return Promise.resolve(false)
  return structural(
    stores,
    docId,
    { op: 'delete', indices },
    afterDelete(indices, messageCount(stores, docId)),
  )
}

export function moveMessages(
  stores: Stores,
  docId: string,
  indices: number[],
  direction: 'up' | 'down',
): Promise<boolean> {
  const count = messageCount(stores, docId)
  if (!canMove(indices, direction, count)) return Promise.resolve(false)
  const moved = afterMove(indices, direction, count)
  const focus = viewOf(stores.view.getState(), docId).selected
  const focusAt = focus === null ? -1 : [...new Set(indices)].sort((a, b) => a - b).indexOf(focus)
  return structural(
    stores,
    docId,
    { op: 'move', indices, direction },
    { indices: moved, focus: focusAt >= 0 ? moved[focusAt] : (moved[0] ?? null) },
  )
}

export function duplicateMessages(stores: Stores, docId: string, indices: number[]): Promise<boolean> {
  if (indices.length === 0) return Promise.resolve(false)
  return structural(stores, docId, { op: 'duplicate', indices }, afterDuplicate(indices))
}

/** Inserts an empty user message at `at` and opens it in an editor. */
export async function insertMessage(stores: Stores, docId: string, at: number): Promise<void> {
  const done = await structural(
    stores,
    docId,
    { op: 'insert', index: at, role: 'user', text: '' },
    { indices: [at], focus: at },
  )
  if (!done) return
  stores.view.getState().openEditor(docId, at, 'fields')
  stores.view.getState().jumpTo(docId, at)
}

/** A lint quick fix: one edit, then the message it concerns is shown. */
export async function quickFix(
  stores: Stores,
  docId: string,
  command: Extract<EditCommand, { op: 'delete' | 'addPlaceholderResults' }>,
): Promise<void> {
  const selection =
    command.op === 'delete'
      ? afterDelete(command.indices, messageCount(stores, docId))
      : { indices: [command.index], focus: command.index }
  const done = await structural(stores, docId, command, selection)
  if (done && selection.focus !== null) stores.view.getState().jumpTo(docId, selection.focus)
}

export const deleteSelection = (stores: Stores, docId: string): Promise<boolean> =>
  deleteMessages(stores, docId, selectionOf(viewOf(stores.view.getState(), docId)))

export const moveSelection = (stores: Stores, docId: string, direction: 'up' | 'down'): Promise<boolean> =>
  moveMessages(stores, docId, selectionOf(viewOf(stores.view.getState(), docId)), direction)

export async function undo(stores: Stores, docId: string): Promise<void> {
  if (blockedByEditor(stores, docId)) return
  const state = stores.edit.getState().states[docId]
  if (state && !state.canUndo) return
  if (await stores.edit.getState().undo(docId)) stores.view.getState().patch(docId, { expanded: {} })
}

export async function redo(stores: Stores, docId: string): Promise<void> {
  if (blockedByEditor(stores, docId)) return
  const state = stores.edit.getState().states[docId]
  if (state && !state.canRedo) return
  if (await stores.edit.getState().redo(docId)) stores.view.getState().patch(docId, { expanded: {} })
}
