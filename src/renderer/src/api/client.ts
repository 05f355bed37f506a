import type { Bridge, Channel, Door, EventPayloads, InputOf, OutputOf } from '../../../shared/contract'
import type { EventName } from '../../../shared/channels'
import { decodeWire } from '../../../shared/wire'
import { ApiError } from './apiError'
import { createHttpBridge, takeToken } from './httpBridge'

export interface ApiClient {
  door: Door
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

/**
 * Wraps a Bridge so callers get data or a thrown ApiError instead of envelopes, with the wire encoding undone
 * (`decodeWire`): both doors deliver the same values.
 */
export function createClient(bridge: Bridge, door: Door): ApiClient {
  return {
    door,
    async call(channel, input) {
      const result = await bridge.call(channel, input)
      if (!result.ok) throw new ApiError(result.error)
      return decodeWire(result.data) as OutputOf<typeof channel>
    },
    on: (event, listener) =>
      bridge.on(event, (payload) => listener(decodeWire(payload) as EventPayloads[typeof event])),
  }
}

/** Picks the door at start-up: the preload's bridge inside Electron, HTTP in a browser. */
export function connect(): ApiClient {
  if (window.api) return createClient(window.api, 'electron')
  return createClient(
    createHttpBridge(takeToken(window.location, window.sessionStorage, window.history)),
    'web',
  )
}
