import { z } from 'zod'
import type { EventName } from '../../../shared/channels'
import {
  contract,
  events,
  type Channel,
  type Door,
  type EventPayloads,
  type InputOf,
  type OutputOf,
} from '../../../shared/contract'
import { decodeWire, encodeWire } from '../../../shared/wire'
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

/**
 * Checks a value against a contract schema and says which channel or event and which field is wrong, so a test
 * that sends or answers with a shape main would not accept fails at once.
 */
function checked(schema: z.ZodType, value: unknown, what: string): void {
  const parsed = schema.safeParse(value)
  if (!parsed.success)
    throw new Error(`fake client: ${what} does not match the contract: ${z.prettifyError(parsed.error)}`)
}

/** What a real door delivers: main's wire encoding, JSON, and the client's decoding. */
const throughTheDoor = (value: unknown): unknown =>
  decodeWire(JSON.parse(JSON.stringify(encodeWire(value)) ?? 'null'))

/**
 * An ApiClient for tests: answers from `handlers`, records calls, and lets the test push events. Every input,
 * output and event payload is validated against the contract's schemas.
 */
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
      checked(contract[channel].input, input, `the input of ${channel}`)
      const handler = client.handlers[channel] as
        ((input: InputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>) | undefined
      if (!handler) throw new Error(`fake client: no handler for ${channel}`)
      const output = await handler(input)
      checked(contract[channel].output, output, `the output of ${channel}`)
      return throughTheDoor(output) as OutputOf<C>
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: unknown) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: unknown) => void)
    },
    emit(event, payload) {
      checked(events[event], payload, `the payload of ${event}`)
      payload = throughTheDoor(payload) as typeof payload
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
  }
  return client
}

/** Resolves after pending promise callbacks (and the fetches they start) have run. */
export const flush = async (rounds = 5): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0))
}
