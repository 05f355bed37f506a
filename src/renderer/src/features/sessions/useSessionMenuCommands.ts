import { useEffect, type RefObject } from 'react'
import { useStores } from '../../stores/StoresContext'
import { fieldHistory } from '../shortcuts/fieldHistory'
import { useSessionsStore } from './SessionsProvider'

/**
 * The Electron menu's Undo/Redo while focus is in the session view. The menu handler for documents does nothing
 * without an open document, and a handled key (see `sessionShortcut`) never reaches the menu.
 */
export function useSessionMenuCommands(container: RefObject<HTMLElement | null>): void {
  const { client } = useStores()
  const store = useSessionsStore()
  useEffect(
    () =>
      client.on('app.menuCommand', ({ command }) => {
        if (command !== 'undo' && command !== 'redo') return
        const focused = document.activeElement
        if (!container.current || !focused || !container.current.contains(focused)) return
        if (fieldHistory(command, focused)) return
        void (command === 'undo' ? store.getState().undo() : store.getState().redo())
      }),
    [client, store, container],
  )
}
