import type { EventName } from '../../../shared/channels'
import type { Bridge, EventPayloads } from '../../../shared/contract'
import type { Result } from '../../../shared/result'

const TOKEN_KEY = 'memory-inspector.token'

/**
 * Web mode hands the token over once, in the URL it prints. Keep it for this tab and take it out of the address
 * bar, so it is not copied around with the URL or kept in history.
 */
export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const params = new URLSearchParams(location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    params.delete('token')
    const query = params.toString()
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`)
    return fromUrl
  }
  return storage.getItem(TOKEN_KEY)
}

/** The same Bridge as the preload's, over `POST /api/<channel>` and server-sent events. */
export function createHttpBridge(
  token: string | null,
  fetchImpl: typeof fetch = fetch.bind(globalThis),
): Bridge {
  let events: EventSource | null = null
  const eventSource = (): EventSource => {
    // The event stream authenticates with the HttpOnly cookie set when the page was loaded with the token.
    events ??= new EventSource('/api/events')
    return events
  }
  return {
    async call(channel, input) {
      try {
        const response = await fetchImpl(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(input ?? {}),
        })
        const text = await response.text()
        try {
          return JSON.parse(text) as never
        } catch {
          const code =
            response.status === 401 ? 'UNAUTHORIZED' : response.status === 403 ? 'FORBIDDEN' : 'INTERNAL'
          return {
            ok: false,
            error: { code, message: text || `HTTP ${response.status}` },
          } satisfies Result<never> as never
        }
      } catch (error) {
        return {
          ok: false,
          error: { code: 'IO_ERROR', message: `Cannot reach Memory Inspector: ${(error as Error).message}` },
        } as never
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const relay = (message: MessageEvent<string>): void =>
        listener(JSON.parse(message.data) as EventPayloads[E])
      eventSource().addEventListener(event, relay as EventListener)
      return () => eventSource().removeEventListener(event, relay as EventListener)
    },
  }
}
