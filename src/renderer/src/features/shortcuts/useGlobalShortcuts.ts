import { useEffect } from 'react'
import type { Stores } from '../../stores/createStores'
import { useStores } from '../../stores/StoresContext'
import { closeDocument } from '../documents/closeDocument'
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
  const tabs = tabShortcut(event, stores)
  if (tabs) return tabs
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

/**
 * Tabs: Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PageDown / Ctrl+PageUp switch documents, Ctrl/Cmd+W closes the current
 * one (asking first when it has unsaved edits), Ctrl/Cmd+G goes to a message by number. Browsers keep some of these
 * for themselves; the Electron window gets them all.
 */
function tabShortcut(event: ShortcutEvent, stores: Stores): (() => void) | null {
  const mod = event.ctrlKey || event.metaKey
  if (!mod || event.altKey) return null
  const { order, activeId } = stores.documents.getState()
  const step =
    (event.key === 'Tab' && event.ctrlKey) || event.key === 'PageDown' || event.key === 'PageUp'
      ? (event.key === 'Tab' && event.shiftKey) || event.key === 'PageUp'
        ? -1
        : 1
      : 0
  if (step !== 0) {
    if (order.length === 0) return null
    return () => {
      const at = activeId === null ? (step > 0 ? -1 : 0) : order.indexOf(activeId)
      stores.documents.getState().activate(order[(at + step + order.length) % order.length])
    }
  }
  const key = event.key.toLowerCase()
  if (key === 'w' && !event.shiftKey && activeId !== null) return () => void closeDocument(stores, activeId)
  if (key === 'g' && !event.shiftKey && activeId !== null)
    return () => stores.view.getState().setGoToOpen(true)
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
