import { useEffect } from 'react'
import type { Stores } from '../../stores/createStores'
import { useStores } from '../../stores/StoresContext'
import { isTypingTarget } from '../shared/keys'
import { editShortcut, type ShortcutEvent } from './editShortcuts'

/** What a key does anywhere in the window; null when the key is not ours. */
export function globalShortcut(event: ShortcutEvent, stores: Stores): (() => void) | null {
  const editing = editShortcut(event, stores)
  if (editing) return editing
  // A key an inner element already handled (CodeMirror's own Ctrl+F search, say) is not ours.
  if (event.defaultPrevented) return null
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.toLowerCase()
  if (mod && !event.altKey && key === 'f') return () => stores.view.getState().focusSearch()
  if (mod && !event.altKey && key === 'o') {
    return () => {
      if (stores.workspace.getState().roots?.canBrowse) {
        void stores.workspace
          .getState()
          .openDialog(false)
          .then((paths) => {
            if (paths.length > 0) void stores.documents.getState().open(paths)
          })
      } else stores.workspace.getState().focusOpenPath()
    }
  }
  if (event.key === 'F3') {
    return () => {
      if (!stores.search.getState().result) stores.view.getState().focusSearch()
      else if (event.shiftKey) stores.search.getState().previous()
      else stores.search.getState().next()
    }
  }
  if (event.key === '/' && !mod && !event.altKey && !isTypingTarget(event.target))
    return () => stores.view.getState().focusSearch()
  return null
}

export function useGlobalShortcuts(): void {
  const stores = useStores()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = globalShortcut(event, stores)
      if (!action) return
      event.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [stores])
}
