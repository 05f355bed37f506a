import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../engine/testing/fixtures'
import { isExternalUrl, isOwnRendererUrl, mainWindowOptions, preloadPathFrom } from './windowOptions'

describe('main window settings', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs')

  it('isolates the renderer: contextIsolation on, nodeIntegration off, sandbox on', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    })
  })

  it('opens only web links externally and recognises its own renderer', () => {
    expect(isExternalUrl('https://example.com')).toBe(true)
    expect(isExternalUrl('file:///etc/passwd')).toBe(false)
    expect(isExternalUrl('javascript:alert(1)')).toBe(false)
    const own = 'file:///app/out/renderer/index.html'
    expect(isOwnRendererUrl('file:///app/out/renderer/index.html#x', own)).toBe(true)
    expect(isOwnRendererUrl('file:///etc/passwd', own)).toBe(false)
    expect(isOwnRendererUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true)
    expect(isOwnRendererUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isOwnRendererUrl('not a url', own)).toBe(false)
  })
})

// Electron cannot load an ES-module preload into a sandboxed window, and no window runs on our machines to show
// it: pin the built file's format and the path the window uses. `npm test` builds before the unit tests.
describe('the built preload', () => {
  const mainOut = join(REPO_ROOT, 'out', 'main')
  const preload = preloadPathFrom(mainOut)

  it('exists at exactly the path the window loads', () => {
    expect(preload).toBe(join(REPO_ROOT, 'out', 'preload', 'index.cjs'))
    expect(existsSync(preload), 'run `npm run build` before the unit tests').toBe(true)
  })

  it('is CommonJS, not an ES module', () => {
    const code = readFileSync(preload, 'utf8')
    expect(code).toMatch(/require\(["']electron["']\)/)
    expect(code).not.toMatch(/^\s*import\s/m)
    expect(code).not.toMatch(/^\s*export\s/m)
    expect(code).toContain('exposeInMainWorld')
  })

  it('requires nothing but electron (a sandboxed preload cannot load other modules)', () => {
    const required = [...readFileSync(preload, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)].map(
      (match) => match[1],
    )
    expect(new Set(required)).toEqual(new Set(['electron']))
  })

  it('whitelists the same channels as the contract', async () => {
    const { CHANNELS } = await import('../../shared/channels')
    const code = readFileSync(preload, 'utf8')
    for (const channel of CHANNELS) expect(code).toContain(JSON.stringify(channel))
  })
})
