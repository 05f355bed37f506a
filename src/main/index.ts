import { app, BrowserWindow, dialog, ipcMain, safeStorage, type OpenDialogOptions } from 'electron'
import { installMenu } from './shell/menu'
import { unsavedEditsPrompt } from './shell/unsavedGuard'
import { createSafeStorageSecretStore } from './shell/safeStorageSecretStore'
import { disposeServices, type Services } from './api/services'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { EventBus } from './api/events'
import { createHandlers } from './api/handlers'
import type { Dialogs } from './api/services'
import { createAppContext } from './appContext'
import { OpenPolicy } from './engine/conversations/files/openPolicy'
import { createServices } from './createServices'
import { filesFromArgv } from './shell/argv'
import { createMainWindow, hardenSession } from './shell/window'
import { rendererUrlFor } from './shell/guards'
import { isOwnRendererUrl, preloadPathFrom } from './shell/windowOptions'
import { registerIpcTransport } from './transport/ipc'

// The thin Electron shell: window, dialogs, IPC registration, lifecycle. Everything else lives in the engine
// and handlers, which web mode runs under plain Node.
const here = dirname(fileURLToPath(import.meta.url))
// `import.meta.env.DEV` is replaced at build time: true only under `electron-vite dev`.
const devBuild = (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true
const rendererUrl = rendererUrlFor({
  devBuild,
  packaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  builtIndexUrl: pathToFileURL(join(here, '../renderer/index.html')).href,
})

if (process.env.MEMORY_INSPECTOR_DATA_DIR) app.setPath('userData', process.env.MEMORY_INSPECTOR_DATA_DIR)

const singleInstance = app.requestSingleInstanceLock()
if (!singleInstance) app.quit()

const dialogs: Dialogs = {
  async openPaths({ folders }) {
    const options: OpenDialogOptions = {
      title: folders ? 'Open a folder of memory files' : 'Open memory files',
      properties: folders ? ['openDirectory'] : ['openFile', 'multiSelections'],
      filters: folders
        ? []
        : [
            { name: 'Memory files', extensions: ['json'] },
            { name: 'All files', extensions: ['*'] },
          ],
    }
    const window = BrowserWindow.getFocusedWindow()
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? [] : result.filePaths
  },
  async savePath({ defaultPath }) {
    const options = {
      title: 'Save memory file as',
      defaultPath,
      filters: [{ name: 'Memory files', extensions: ['json'] }],
    }
    const window = BrowserWindow.getFocusedWindow()
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
}

let services: Services | undefined
let quitConfirmed = false

/** Closing the last window, or quitting, with unsaved edits asks first. */
function confirmDiscard(window: BrowserWindow | null): boolean {
  const prompt = services ? unsavedEditsPrompt(services.documents.list()) : null
  if (!prompt) return true
  const options = {
    type: 'warning' as const,
    buttons: ['Cancel', 'Discard and quit'],
    defaultId: 0,
    cancelId: 0,
    ...prompt,
  }
  const choice = window ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options)
  return choice === 1
}

function openWindow(): BrowserWindow {
  const window = createMainWindow({ preloadPath: preloadPathFrom(here), rendererUrl })
  window.on('close', (event) => {
    if (quitConfirmed || BrowserWindow.getAllWindows().length > 1) return
    if (confirmDiscard(window)) quitConfirmed = true
    else event.preventDefault()
  })
  return window
}

app.on('before-quit', (event) => {
  if (quitConfirmed) return
  if (confirmDiscard(BrowserWindow.getFocusedWindow())) quitConfirmed = true
  else event.preventDefault()
})

void app.whenReady().then(() => {
  hardenSession()
  const bus = new EventBus()
  const context = createAppContext(
    'electron',
    app.getPath('userData'),
    app.getVersion(),
    `electron ${process.versions.electron}`,
  )
  services = createServices({
    context,
    bus,
    policy: OpenPolicy.unrestricted(),
    dialogs,
    secrets: createSafeStorageSecretStore(safeStorage, context.dataDir),
  })
  installMenu((command) => bus.emit('app.menuCommand', { command }))
  registerIpcTransport({
    ipcMain,
    handlers: createHandlers(services),
    bus,
    isTrustedSender: (url) => isOwnRendererUrl(url, rendererUrl),
    targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
  })
  const startFiles = filesFromArgv(process.argv, app.isPackaged)
  if (startFiles.length > 0) void services.documents.open(startFiles)
  app.on('will-quit', () => {
    if (services) void disposeServices(services)
  })
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
})

// `memory-inspector b.json` while the app runs: the first instance opens the file and comes to the front.
app.on('second-instance', (_event, argv, workingDirectory) => {
  const files = filesFromArgv(argv, app.isPackaged).map((file) => resolve(workingDirectory, file))
  if (files.length > 0) void services?.documents.open(files)
  const [window] = BrowserWindow.getAllWindows()
  if (window) {
    if (window.isMinimized()) window.restore()
    window.focus()
  }
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
