import { isChannelName, isEventName } from '../../shared/channels'
import type { Bridge } from '../../shared/contract'

/** Must equal EVENT_CHANNEL in transport/ipc.ts (pinned by a unit test); not imported to keep the preload tiny. */
export const PRELOAD_EVENT_CHANNEL = 'mi:event'

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void
}

/**
 * What the preload exposes as `window.api`. Only channels and events in the contract's lists get through;
 * anything else is refused here, before it reaches main.
 */
export function createBridge(ipcRenderer: IpcRendererLike, pathForFile?: (file: File) => string): Bridge {
  return {
    ...(pathForFile ? { pathForFile: (file: File) => pathForFile(file) } : {}),
    call(channel, input) {
      if (!isChannelName(channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'NOT_FOUND', message: `Unknown channel: ${String(channel)}` },
        })
      }
      return ipcRenderer.invoke(channel, input) as never
    },
    on(event, listener) {
      if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`)
      const relay = (_event: unknown, name: unknown, payload: unknown): void => {
        if (name === event) (listener as (payload: unknown) => void)(payload)
      }
      ipcRenderer.on(PRELOAD_EVENT_CHANNEL, relay as never)
      return () => ipcRenderer.removeListener(PRELOAD_EVENT_CHANNEL, relay as never)
    },
  }
}
