import { useEffect } from 'react'
import type { Stores } from '../../stores/createStores'
import { useStores } from '../../stores/StoresContext'
import { isInsideEditor, isTypingTarget } from '../shared/keys'
import { APP_ACTIONS, type AppAction, type KeyScope } from './appActions'
import { matchesBinding, type ShortcutEvent } from './keyBinding'

/** Whether a key of `scope` pressed on `target` is the window's to handle. */
function windowHandles(scope: KeyScope, target: EventTarget | null): boolean {
  switch (scope) {
    case 'anywhere':
      return true
    case 'notInDialog':
      return !(target instanceof Element && target.closest('dialog'))
    case 'outsideFields':
      return !isTypingTarget(target) && !isInsideEditor(target)
    case 'list':
    case 'editor':
      return false
  }
}

/** The action a key pressed in the window is for; null when the key is not the window's. */
export function windowAction(event: ShortcutEvent): AppAction | null {
  // A key an inner element already handled (CodeMirror's own Ctrl+F search, say) is not ours.
  if (event.defaultPrevented) return null
  for (const action of APP_ACTIONS)
    for (const key of action.keys)
      if (matchesBinding(key, event) && windowHandles(key.scope ?? action.scope, event.target)) return action
  return null
}

/** What a key does anywhere in the window; null when the key is not ours or its action cannot run now. */
export function globalShortcut(event: ShortcutEvent, stores: Stores): (() => void) | null {
  const action = windowAction(event)
  return action && action.unavailable(stores) === null ? () => action.run(stores) : null
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
