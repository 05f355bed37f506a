import { CONTRACT_CHANNELS } from '../../shared/contract'
import type { Handlers } from '../api/dispatch'
import { dispatch } from '../api/dispatch'
import type { EventBus } from '../api/events'
import { encodeWire } from '../../shared/wire'

/** The one IPC channel main pushes events on; the preload fans them out by event name. */
export const EVENT_CHANNEL = 'mi:event'

/** The slice of Electron's ipcMain we use, so tests can hand in a fake. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame?: { url: string } | null }, input: unknown) => unknown,
  ): void
  removeHandler(channel: string): void
}

export interface EventTarget {
  isDestroyed(): boolean
  send(channel: string, ...args: unknown[]): void
}

export interface IpcTransportOptions {
  ipcMain: IpcMainLike
  handlers: Handlers
  bus: EventBus
  /** Only frames showing our own renderer may call in; anything else gets FORBIDDEN. */
  isTrustedSender: (url: string) => boolean
  targets: () => EventTarget[]
}

/** Registers `ipcMain.handle` for every channel of the contract and forwards bus events to the windows. */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  const { ipcMain, handlers, bus, isTrustedSender, targets } = options
  for (const channel of CONTRACT_CHANNELS) {
    ipcMain.handle(channel, (event, input) => {
      const url = event.senderFrame?.url ?? ''
      if (!isTrustedSender(url)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: `Calls from ${url || 'an unknown frame'} are not allowed` },
        }
      }
      return dispatch(handlers, channel, input)
    })
  }
  const unsubscribe = bus.subscribe((name, payload) => {
    for (const target of targets())
      if (!target.isDestroyed()) target.send(EVENT_CHANNEL, name, encodeWire(payload))
  })
  return () => {
    unsubscribe()
    for (const channel of CONTRACT_CHANNELS) ipcMain.removeHandler(channel)
  }
}
