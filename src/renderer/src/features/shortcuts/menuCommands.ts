import { useEffect } from 'react'
import type { MenuCommand } from '../../../../shared/contract'
import type { Stores } from '../../stores/createStores'
import { useStores } from '../../stores/StoresContext'
import { redo, undo } from '../editing/actions'
import { closeDocument } from '../documents/closeDocument'
import { fieldHistory } from './fieldHistory'

/** Runs a command from the Electron menu the way the keyboard and the buttons do. */
export function runMenuCommand(
  command: MenuCommand,
  stores: Stores,
  inField: (direction: 'undo' | 'redo') => boolean = fieldHistory,
): void {
  const docId = stores.documents.getState().activeId
  const openDialog = async (folders: boolean): Promise<void> => {
    const paths = await stores.workspace.getState().openDialog(folders)
    if (paths.length > 0) await stores.documents.getState().open(paths)
  }
  switch (command) {
    case 'open':
      return void openDialog(false)
    case 'openFolder':
      return void openDialog(true)
    case 'find':
      return stores.view.getState().focusSearch()
    case 'about':
      return stores.view.getState().setAboutOpen(true)
  }
  if (!docId) return
  switch (command) {
    case 'save':
      return void stores.saveFlow.getState().save(docId)
    case 'saveAs':
      return void stores.saveFlow.getState().saveAs(docId)
    case 'revert':
      return void stores.saveFlow.getState().revert(docId)
    case 'close':
      return void closeDocument(stores, docId)
    case 'undo':
      if (!inField('undo')) void undo(stores, docId)
      return
    case 'redo':
      if (!inField('redo')) void redo(stores, docId)
      return
  }
}

export function useMenuCommands(): void {
  const stores = useStores()
  useEffect(
    () => stores.client.on('app.menuCommand', ({ command }) => runMenuCommand(command, stores)),
    [stores],
  )
}
