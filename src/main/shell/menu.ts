import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/contract'

/**
 * The application menu. Document commands go to the renderer as `app.menuCommand` events, so the menu, the
 * keyboard and the buttons all take the same path (and the same undo).
 */
export function installMenu(send: (command: MenuCommand) => void): void {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(command),
  })
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('Open…', 'open', 'CmdOrCtrl+O'),
        item('Open Folder…', 'openFolder', 'CmdOrCtrl+Shift+O'),
        { type: 'separator' },
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        item('Revert', 'revert'),
        { type: 'separator' },
        item('Close Document', 'close', 'CmdOrCtrl+W'),
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // Undo/redo of document edits run in main; text fields keep their own undo through the renderer.
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', 'Shift+CmdOrCtrl+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Find…', 'find', 'CmdOrCtrl+F'),
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [item('About Memory Inspector', 'about')] },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
