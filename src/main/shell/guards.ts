import { CONTENT_SECURITY_POLICY } from '../csp'
import { isExternalUrl, isOwnRendererUrl } from './windowOptions'

// The few parts of Electron's Session and WebContents the guards use, so unit tests can drive them with fakes.
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void

export interface GuardedSession {
  webRequest: { onHeadersReceived(listener: HeadersListener): void }
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void
}

interface NavigationEvent {
  preventDefault(): void
}

export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): void
  on(event: 'will-attach-webview', listener: (event: NavigationEvent) => void): void
}

/** Sends the CSP with every response and refuses every permission, both when asked and when checked. */
export function guardSession(session: GuardedSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/**
 * The window shows our renderer and nothing else: new windows are refused, navigations and server redirects
 * away from the renderer are cancelled (web links go to the OS browser), and webviews cannot be attached.
 */
export function guardNavigation(
  contents: GuardedContents,
  rendererUrl: string,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
  const stayOnRenderer = (event: NavigationEvent, url: string): void => {
    if (isOwnRendererUrl(url, rendererUrl)) return
    event.preventDefault()
    if (isExternalUrl(url)) openExternal(url)
  }
  contents.on('will-navigate', stayOnRenderer)
  contents.on('will-redirect', stayOnRenderer)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/**
 * Where the window loads the renderer from: the dev server only in a development build that is not packaged;
 * a production build always loads its own built files, whatever `ELECTRON_RENDERER_URL` says.
 */
export function rendererUrlFor(build: {
  devBuild: boolean
  packaged: boolean
  devServerUrl: string | undefined
  builtIndexUrl: string
}): string {
  if (build.devBuild && !build.packaged && build.devServerUrl) return build.devServerUrl
  return build.builtIndexUrl
}
