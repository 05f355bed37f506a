import type { Stores } from '../../stores/createStores'
import { deleteSelection, moveSelection, redo, undo } from '../editing/actions'
import { isInsideEditor, isTypingTarget } from '../shared/keys'

export type ShortcutEvent = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'
> &
  Partial<Pick<KeyboardEvent, 'defaultPrevented'>>

/** The document the keys act on: the one on screen, when it parsed. */
function activeDocument(stores: Stores): string | null {
  const { activeId, summaries } = stores.documents.getState()
  return activeId && summaries[activeId]?.status === 'ok' ? activeId : null
}

/**
 * Editing keys: save everywhere (Ctrl/Cmd+S never means "save this web page" here); undo, redo, Delete and
 * Alt+↑/↓ only outside text fields and CodeMirror, which keep their own undo and their own keys.
 */
export function editShortcut(event: ShortcutEvent, stores: Stores): (() => void) | null {
  const docId = activeDocument(stores)
  if (!docId || event.defaultPrevented) return null
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.toLowerCase()
  if (mod && !event.altKey && key === 's') {
    // A save dialog is already asking; its own buttons answer it.
    if (event.target instanceof Element && event.target.closest('dialog')) return null
    return event.shiftKey
      ? () => void stores.saveFlow.getState().saveAs(docId)
      : () => void stores.saveFlow.getState().save(docId)
  }
  if (isTypingTarget(event.target) || isInsideEditor(event.target)) return null
  if (mod && !event.altKey && key === 'z')
    return event.shiftKey ? () => void redo(stores, docId) : () => void undo(stores, docId)
  if (mod && !event.altKey && !event.shiftKey && key === 'y') return () => void redo(stores, docId)
  if (!mod && !event.altKey && !event.shiftKey && event.key === 'Delete')
    return () => void deleteSelection(stores, docId)
  if (event.altKey && !mod && !event.shiftKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown'))
    return () => void moveSelection(stores, docId, event.key === 'ArrowUp' ? 'up' : 'down')
  return null
}
