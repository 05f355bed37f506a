import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../csp'
import {
  guardNavigation,
  guardSession,
  rendererUrlFor,
  type GuardedContents,
  type GuardedSession,
} from './guards'

type Listener = (...args: never[]) => unknown

/** Records what the guards install, standing in for Electron's Session. */
function fakeSession() {
  const installed: { headers?: Listener; request?: Listener; check?: Listener } = {}
  const session: GuardedSession = {
    webRequest: { onHeadersReceived: (listener) => void (installed.headers = listener as Listener) },
    setPermissionRequestHandler: (handler) => void (installed.request = handler as Listener),
    setPermissionCheckHandler: (handler) => void (installed.check = handler as Listener),
  }
  return { session, installed }
}

/** Stands in for WebContents: emits navigation events and says whether a listener cancelled them. */
function fakeContents() {
  const listeners = new Map<string, Listener[]>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  const contents: GuardedContents = {
    setWindowOpenHandler: (handler) => void (openHandler = handler),
    on: (event: string, listener: Listener) =>
      void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  }
  const emit = (event: string, url?: string): boolean => {
    let prevented = false
    const navigationEvent = { preventDefault: () => void (prevented = true) }
    for (const listener of listeners.get(event) ?? [])
      (listener as (e: unknown, u?: string) => void)(navigationEvent, url)
    return prevented
  }
  return { contents, emit, openWindow: (url: string) => openHandler!({ url }) }
}

describe('session guards', () => {
  it('deny every permission request and every permission check', () => {
    const { session, installed } = fakeSession()
    guardSession(session)
    const answers: boolean[] = []
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read'])
      (installed.request as (c: unknown, p: string, cb: (granted: boolean) => void) => void)(
        {},
        permission,
        (granted) => answers.push(granted),
      )
    expect(answers).toEqual([false, false, false, false])
    expect((installed.check as (c: unknown, p: string) => boolean)({}, 'media')).toBe(false)
    expect((installed.check as (c: unknown, p: string) => boolean)({}, 'clipboard-sanitized-write')).toBe(
      false,
    )
  })

  it('send the CSP with every response, keeping the other headers', () => {
    const { session, installed } = fakeSession()
    guardSession(session)
    let headers: Record<string, string[]> = {}
    ;(
      installed.headers as (
        d: unknown,
        cb: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void
    )({ responseHeaders: { 'X-Other': ['1'] } }, (r) => void (headers = r.responseHeaders))
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})

describe('navigation guards', () => {
  const renderer = 'file:///app/out/renderer/index.html'

  it('cancel a server redirect away from the renderer, like a navigation', () => {
    const opened: string[] = []
    const { contents, emit } = fakeContents()
    guardNavigation(contents, renderer, (url) => opened.push(url))
    expect(emit('will-redirect', 'https://evil.example/')).toBe(true)
    expect(emit('will-redirect', 'file:///etc/passwd')).toBe(true)
    expect(emit('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(emit('will-redirect', `${renderer}#/document/1`)).toBe(false)
    expect(opened).toEqual(['https://evil.example/'])
  })

  it('refuse new windows and webviews', () => {
    const opened: string[] = []
    const { contents, emit, openWindow } = fakeContents()
    guardNavigation(contents, renderer, (url) => opened.push(url))
    expect(openWindow('https://docs.example/')).toEqual({ action: 'deny' })
    expect(openWindow('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://docs.example/'])
    expect(emit('will-attach-webview')).toBe(true)
  })
})

describe('renderer source', () => {
  const build = {
    builtIndexUrl: 'file:///app/out/renderer/index.html',
    devServerUrl: 'http://evil.example:5173/',
  }

  it('a production build ignores ELECTRON_RENDERER_URL', () => {
    expect(rendererUrlFor({ ...build, devBuild: false, packaged: false })).toBe(build.builtIndexUrl)
    expect(rendererUrlFor({ ...build, devBuild: true, packaged: true })).toBe(build.builtIndexUrl)
  })

  it('a development build loads the dev server when one is given', () => {
    expect(rendererUrlFor({ ...build, devBuild: true, packaged: false })).toBe(build.devServerUrl)
    expect(rendererUrlFor({ ...build, devServerUrl: undefined, devBuild: true, packaged: false })).toBe(
      build.builtIndexUrl,
    )
  })
})
