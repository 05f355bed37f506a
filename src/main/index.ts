import { app, BrowserWindow, ipcMain } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { EventBus } from './api/events'
import { createHandlers } from './api/handlers'
import { createAppContext } from './appContext'
import { createMainWindow, hardenSession } from './shell/window'
import { isOwnRendererUrl, preloadPathFrom } from './shell/windowOptions'
import { registerIpcTransport } from './transport/ipc'

// The thin Electron shell: window, IPC registration, lifecycle. Everything else lives in the engine and
// handlers, which web mode runs under plain Node.
const here = dirname(fileURLToPath(import.meta.url))
const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(here, '../renderer/index.html')).href

if (process.env.MEMORY_INSPECTOR_DATA_DIR) app.setPath('userData', process.env.MEMORY_INSPECTOR_DATA_DIR)

const singleInstance = app.requestSingleInstanceLock()
if (!singleInstance) app.quit()

function openWindow(): BrowserWindow {
  return createMainWindow({ preloadPath: preloadPathFrom(here), rendererUrl })
}

void app.whenReady().then(() => {
  hardenSession()
  const bus = new EventBus()
  const context = createAppContext(
    'electron',
    app.getPath('userData'),
    app.getVersion(),
    `electron ${process.versions.electron}`,
  )
  registerIpcTransport({
    ipcMain,
    handlers: createHandlers(context),
    bus,
    isTrustedSender: (url) => isOwnRendererUrl(url, rendererUrl),
    targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
  })
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
})

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows()
  if (window) {
    if (window.isMinimized()) window.restore()
    window.focus()
  }
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
