import type { EventName } from '../../../shared/channels'
import type { Channel, Door, EventPayloads, InputOf, OutputOf } from '../../../shared/contract'
import type { ApiClient } from '../api/client'

export type FakeHandlers = {
  [C in Channel]?: (input: InputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>
}

export interface FakeClient extends ApiClient {
  /** Every call made, in order. */
  calls: { channel: Channel; input: unknown }[]
  callsTo<C extends Channel>(channel: C): InputOf<C>[]
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  handlers: FakeHandlers
}

/** An ApiClient for tests: answers from `handlers`, records calls, and lets the test push events. */
export function createFakeClient(handlers: FakeHandlers = {}, door: Door = 'web'): FakeClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const calls: { channel: Channel; input: unknown }[] = []
  const client: FakeClient = {
    door,
    calls,
    handlers,
    callsTo<C extends Channel>(channel: C) {
      return calls.filter((call) => call.channel === channel).map((call) => call.input as InputOf<C>)
    },
    async call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
      calls.push({ channel, input })
      const handler = client.handlers[channel] as
        ((input: InputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>) | undefined
      if (!handler) throw new Error(`fake client: no handler for ${channel}`)
      return handler(input)
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: unknown) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: unknown) => void)
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
  }
  return client
}

/** Resolves after pending promise callbacks (and the fetches they start) have run. */
export const flush = async (rounds = 5): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0))
}
