import { describe, expect, it } from 'vitest'
import { CHANNELS, EVENTS } from '../../shared/channels'
import { createBridge, PRELOAD_EVENT_CHANNEL, type IpcRendererLike } from './bridge'

function fakeIpcRenderer() {
  const invoked: unknown[][] = []
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>()
  const ipcRenderer: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push([channel, ...args])
      return Promise.resolve({ ok: true, data: channel })
    },
    on: (channel, listener) =>
      void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
  }
  const push = (...args: unknown[]) =>
    listeners.get(PRELOAD_EVENT_CHANNEL)?.forEach((listener) => listener({}, ...args))
  return { ipcRenderer, invoked, push, listeners }
}

describe('preload bridge', () => {
  it('lets through exactly the channels in the contract list', async () => {
    const { ipcRenderer, invoked } = fakeIpcRenderer()
    const bridge = createBridge(ipcRenderer)
    for (const channel of CHANNELS) await bridge.call(channel, {} as never)
    expect(invoked.map(([channel]) => channel)).toEqual([...CHANNELS])
  })

  it('refuses any other channel without touching IPC', async () => {
    const { ipcRenderer, invoked } = fakeIpcRenderer()
    const bridge = createBridge(ipcRenderer)
    for (const channel of ['app.quit', 'mi:event', '__proto__', 'app.info ', '']) {
      const result = await bridge.call(channel as never, {} as never)
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect(invoked).toEqual([])
  })

  it('delivers only the subscribed event and unsubscribes cleanly', () => {
    const { ipcRenderer, push, listeners } = fakeIpcRenderer()
    const bridge = createBridge(ipcRenderer)
    const received: unknown[] = []
    const off = bridge.on(EVENTS[0], (payload) => received.push(payload))
    push('app.notice', { level: 'info', message: 'one' })
    push('something.else', { level: 'info', message: 'two' })
    off()
    push('app.notice', { level: 'info', message: 'three' })
    expect(received).toEqual([{ level: 'info', message: 'one' }])
    expect(listeners.get(PRELOAD_EVENT_CHANNEL)?.size).toBe(0)
  })

  it('gives dropped files their path only when the preload can know it', () => {
    const { ipcRenderer } = fakeIpcRenderer()
    expect(createBridge(ipcRenderer).pathForFile).toBeUndefined()
    const bridge = createBridge(ipcRenderer, (file) => `/dropped/${file.name}`)
    expect(bridge.pathForFile?.({ name: 'memory.json' } as File)).toBe('/dropped/memory.json')
  })

  it('refuses to subscribe to unknown events', () => {
    const bridge = createBridge(fakeIpcRenderer().ipcRenderer)
    expect(() => bridge.on('app.anything' as never, () => undefined)).toThrow(/Unknown event/)
  })
})
