import { BrowserWindow, session, shell } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../csp'
import { isExternalUrl, isOwnRendererUrl, mainWindowOptions } from './windowOptions'

export interface WindowSources {
  preloadPath: string
  /** The dev server URL, or a file:// URL of the built index.html. */
  rendererUrl: string
}

/** Sends the CSP with every response and refuses every permission request (camera, notifications, …). */
export function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
}

export function createMainWindow(sources: WindowSources): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(sources.preloadPath))
  window.once('ready-to-show', () => window.show())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (isOwnRendererUrl(url, sources.rendererUrl)) return
    event.preventDefault()
    if (isExternalUrl(url)) void shell.openExternal(url)
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  void window.loadURL(sources.rendererUrl)
  return window
}
