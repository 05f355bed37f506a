import { isTypingTarget } from '../shared/keys'

/** CodeMirror's own undo/redo on the editor holding `element` (loaded on demand, like the editor itself). */
async function editorHistory(element: HTMLElement, direction: 'undo' | 'redo'): Promise<void> {
  const [{ EditorView }, commands] = await Promise.all([import('codemirror'), import('@codemirror/commands')])
  const view = EditorView.findFromDOM(element)
  if (view) (direction === 'undo' ? commands.undo : commands.redo)(view)
}

/**
 * The menu's Undo/Redo while a text field or CodeMirror has focus: that field's own history, as its keys would.
 * Returns false when no field has focus (then the document's undo applies).
 */
export function fieldHistory(
  direction: 'undo' | 'redo',
  focused: Element | null = document.activeElement,
): boolean {
  if (!isTypingTarget(focused) || !(focused instanceof HTMLElement)) return false
  const editor = focused.closest('.cm-editor')
  if (editor instanceof HTMLElement) void editorHistory(editor, direction)
  // Deprecated, but still the only way to run a text field's native undo from code.
  else document.execCommand(direction)
  return true
}
