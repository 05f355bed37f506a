import { useEffect } from 'react'
import type { MenuCommand } from '../../../../shared/contract'
import type { Stores } from '../../stores/createStores'
import { useStores } from '../../stores/StoresContext'
import { actionById } from './appActions'
import { fieldHistory } from './fieldHistory'

/** The registry's action for each Electron menu item: the menu, the keys and the palette run the same code. */
const MENU_ACTIONS: Record<MenuCommand, string> = {
  open: 'file.open',
  openFolder: 'file.openFolder',
  save: 'file.save',
  saveAs: 'file.saveAs',
  revert: 'file.revert',
  close: 'file.close',
  undo: 'edit.undo',
  redo: 'edit.redo',
  find: 'find.focus',
  about: 'help.about',
}

/**
 * Runs a command from the Electron menu the way the keyboard and the buttons do. Undo and redo from the menu go to
 * the focused text field's own history first (the menu's accelerators reach us instead of the field).
 */
export function runMenuCommand(
  command: MenuCommand,
  stores: Stores,
  inField: (direction: 'undo' | 'redo') => boolean = fieldHistory,
): void {
  if ((command === 'undo' || command === 'redo') && inField(command)) return
  const action = actionById(MENU_ACTIONS[command])
  if (action.unavailable(stores) === null) action.run(stores)
}

export function useMenuCommands(): void {
  const stores = useStores()
  useEffect(
    () => stores.client.on('app.menuCommand', ({ command }) => runMenuCommand(command, stores)),
    [stores],
  )
}
