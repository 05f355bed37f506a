import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../shared/channels'
import { EventBus } from '../api/events'
import { createHandlers } from '../api/handlers'
import { createTestServices } from '../api/testing/testServices'
import { PRELOAD_EVENT_CHANNEL } from '../preload/bridge'
import { EVENT_CHANNEL, registerIpcTransport, type IpcMainLike } from './ipc'

type Listener = Parameters<IpcMainLike['handle']>[1]

function fakeIpcMain() {
  const handlers = new Map<string, Listener>()
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler: (channel) => void handlers.delete(channel),
  }
  return { ipcMain, handlers }
}

const context = {
  name: 'Memory Inspector',
  version: '1.2.3',
  dataDir: '/d',
  door: 'electron' as const,
  runtime: 'electron 45',
  platform: 'linux-x64',
}
const OWN = 'file:///app/out/renderer/index.html'

function setup() {
  const { ipcMain, handlers } = fakeIpcMain()
  const bus = new EventBus()
  const sent: unknown[][] = []
  const target = { isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) }
  const dispose = registerIpcTransport({
    ipcMain,
    handlers: createHandlers(createTestServices(context, bus)),
    bus,
    isTrustedSender: (url) => url === OWN,
    targets: () => [target],
  })
  return { handlers, bus, sent, dispose }
}

describe('IPC transport', () => {
  it('registers exactly the contract channels', () => {
    const { handlers } = setup()
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort())
  })

  it('answers with the Result envelope from the shared handlers', async () => {
    const { handlers } = setup()
    const result = await handlers.get('app.info')!({ senderFrame: { url: OWN } }, {})
    expect(result).toMatchObject({ ok: true, data: { version: '1.2.3', door: 'electron' } })
  })

  it('validates input coming over IPC', async () => {
    const { handlers } = setup()
    const result = await handlers.get('app.info')!({ senderFrame: { url: OWN } }, { path: '/etc/passwd' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('refuses calls from frames that are not our renderer', async () => {
    const { handlers } = setup()
    expect(
      await handlers.get('app.info')!({ senderFrame: { url: 'https://evil.example/' } }, {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await handlers.get('app.info')!({ senderFrame: null }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('forwards bus events to windows on the channel the preload listens to', () => {
    const { bus, sent } = setup()
    bus.emit('app.notice', { level: 'info', message: 'reloaded' })
    expect(sent).toEqual([[EVENT_CHANNEL, 'app.notice', { level: 'info', message: 'reloaded' }]])
    expect(PRELOAD_EVENT_CHANNEL).toBe(EVENT_CHANNEL)
  })

  it('removes its handlers and stops forwarding when disposed', () => {
    const { handlers, bus, sent, dispose } = setup()
    dispose()
    bus.emit('app.notice', { level: 'info', message: 'late' })
    expect(handlers.size).toBe(0)
    expect(sent).toEqual([])
  })
})
