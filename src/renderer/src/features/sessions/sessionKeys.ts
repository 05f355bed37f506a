import { isInsideEditor, isTypingTarget } from '../shared/keys'

export type SessionKeyEvent = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'
>

/**
 * Undo/redo keys inside the session view: Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl/Cmd+Y. Text fields, editors and
 * dialogs keep their own undo.
 */
export function sessionShortcut(event: SessionKeyEvent): 'undo' | 'redo' | null {
  if (isTypingTarget(event.target) || isInsideEditor(event.target)) return null
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null
  const key = event.key.toLowerCase()
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && !event.shiftKey) return 'redo'
  return null
}
