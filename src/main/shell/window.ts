import { BrowserWindow, session, shell } from 'electron'
import { guardNavigation, guardSession } from './guards'
import { mainWindowOptions } from './windowOptions'

export interface WindowSources {
  preloadPath: string
  /** The dev server URL, or a file:// URL of the built index.html. */
  rendererUrl: string
}

/** Sends the CSP with every response and refuses every permission (camera, notifications, …). */
export function hardenSession(): void {
  guardSession(session.defaultSession)
}

export function createMainWindow(sources: WindowSources): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(sources.preloadPath))
  window.once('ready-to-show', () => window.show())
  guardNavigation(window.webContents, sources.rendererUrl, (url) => void shell.openExternal(url))
  void window.loadURL(sources.rendererUrl)
  return window
}
