import type { EditCommand, EditResult } from '../../../../shared/model/edit'
import type { Stores } from '../../stores/createStores'
import { selectionOf, viewOf } from '../../stores/viewStore'
import { afterDelete, canMove } from './structure'

/**
 * Structural edits on the selected messages. The view knows messages by id; commands address positions, so each
 * action first asks main where the messages are now (`document.locate`) and sends the edit at that revision.
 * Ids survive the edit, so a moved selection stays selected by itself; added messages come back as new ids.
 */

const messageCount = (stores: Stores, docId: string): number =>
  stores.documents.getState().summaries[docId]?.messageCount ?? 0

/** Positions of the messages, ascending; null (with a notice) when one of them is gone. */
async function locate(stores: Stores, docId: string, messageIds: number[]): Promise<number[] | null> {
  if (messageIds.length === 0) return []
  try {
    const { indices } = await stores.client.call('document.locate', { id: docId, messageIds })
    if (indices.some((index) => index === null)) {
      stores.notices.getState().push({
        level: 'warning',
        message: 'Some selected messages are no longer there; select again',
        documentId: docId,
      })
      return null
    }
    return (indices as number[]).sort((a, b) => a - b)
  } catch (error) {
    stores.notices.getState().pushError(error, 'Could not find the selected messages')
    return null
  }
}

async function run(stores: Stores, docId: string, command: EditCommand): Promise<EditResult | null> {
  const outcome = await stores.edit.getState().edit(docId, [command])
  if (!outcome.ok) {
    stores.notices.getState().push({ level: 'error', message: outcome.message, documentId: docId })
    return null
  }
  return outcome.state
}

export async function deleteMessages(stores: Stores, docId: string, messageIds: number[]): Promise<boolean> {
  const indices = await locate(stores, docId, messageIds)
  if (!indices || indices.length === 0) return false
  const count = messageCount(stores, docId)
  if (!(await run(stores, docId, { op: 'delete', indices }))) return false
  // The cursor lands on the message that took the place of the first deleted one.
  const { focus } = afterDelete(indices, count)
  stores.view.getState().setSelection(docId, [], null)
  if (focus !== null) stores.view.getState().jumpTo(docId, focus, { scroll: false })
  return true
}

export async function moveMessages(
  stores: Stores,
  docId: string,
  messageIds: number[],
  direction: 'up' | 'down',
): Promise<boolean> {
  const indices = await locate(stores, docId, messageIds)
  if (!indices || !canMove(indices, direction, messageCount(stores, docId))) return false
  return (await run(stores, docId, { op: 'move', indices, direction })) !== null
}

export async function duplicateMessages(
  stores: Stores,
  docId: string,
  messageIds: number[],
): Promise<boolean> {
  const indices = await locate(stores, docId, messageIds)
  if (!indices || indices.length === 0) return false
  const result = await run(stores, docId, { op: 'duplicate', indices })
  if (!result) return false
  const copies = result.insertedIds
  stores.view.getState().setSelection(docId, copies, copies[copies.length - 1] ?? null)
  return true
}

/** Inserts an empty user message at position `at` and opens it in an editor. */
export async function insertMessage(stores: Stores, docId: string, at: number): Promise<void> {
  const result = await run(stores, docId, { op: 'insert', index: at, role: 'user', text: '' })
  const inserted = result?.insertedIds[0]
  if (inserted === undefined) return
  const view = stores.view.getState()
  view.setSelection(docId, [inserted], inserted)
  view.openEditor(docId, inserted, 'fields')
  view.jumpTo(docId, at)
}

export type QuickFixCommand = Extract<
  EditCommand,
  { op: 'delete' | 'addPlaceholderResults' | 'linkToolResults' }
>

/** A lint quick fix: one edit, then the message it concerns is shown. */
export async function quickFix(stores: Stores, docId: string, command: QuickFixCommand): Promise<void> {
  const count = messageCount(stores, docId)
  const result = await run(stores, docId, command)
  if (!result) return
  const focus =
    command.op === 'delete'
      ? afterDelete(command.indices, count).focus
      : command.op === 'linkToolResults'
        ? (command.indices?.[0] ?? null)
        : command.index
  if (focus !== null) stores.view.getState().jumpTo(docId, focus)
}

export const deleteSelection = (stores: Stores, docId: string): Promise<boolean> =>
  deleteMessages(stores, docId, selectionOf(viewOf(stores.view.getState(), docId)))

export const moveSelection = (stores: Stores, docId: string, direction: 'up' | 'down'): Promise<boolean> =>
  moveMessages(stores, docId, selectionOf(viewOf(stores.view.getState(), docId)), direction)

export async function undo(stores: Stores, docId: string): Promise<void> {
  const state = stores.edit.getState().states[docId]
  if (state && !state.canUndo) return
  await stores.edit.getState().undo(docId)
}

export async function redo(stores: Stores, docId: string): Promise<void> {
  const state = stores.edit.getState().states[docId]
  if (state && !state.canRedo) return
  await stores.edit.getState().redo(docId)
}
