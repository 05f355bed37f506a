import type { BrowserWindowConstructorOptions } from 'electron'
import { join } from 'node:path'

/** The preload as electron-vite builds it: CommonJS, because a sandboxed preload cannot be ESM. */
export const preloadPathFrom = (mainOutDir: string): string => join(mainOutDir, '../preload/index.cjs')

/** The window's settings in one place, so a unit test can pin every security flag. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Memory Inspector',
    backgroundColor: '#1e1f24',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  }
}

/** External links (http/https/mailto) open in the OS browser; nothing else opens anywhere. */
export const isExternalUrl = (url: string): boolean => /^(https?:|mailto:)/i.test(url)

/** Only our own renderer may call the contract and be navigated to. */
export function isOwnRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url)
    const own = new URL(rendererUrl)
    if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname
    return target.origin === own.origin
  } catch {
    return false
  }
}
