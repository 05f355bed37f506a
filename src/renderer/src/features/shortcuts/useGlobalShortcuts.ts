import { useEffect } from 'react'
import type { Stores } from '../../stores/createStores'
import { useStores } from '../../stores/StoresContext'
import { isTypingTarget } from '../shared/keys'

/** What a key does anywhere in the window; null when the key is not ours. */
export function globalShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>,
  stores: Stores,
): (() => void) | null {
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
