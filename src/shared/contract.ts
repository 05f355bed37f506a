import type { ChannelName, EventName } from './channels'
import type { Result } from './result'

/** Which way the renderer reaches main. */
export type Door = 'electron' | 'web'

export interface AppInfo {
  name: string
  version: string
  platform: string
  /** Node's version in main (web mode) or Electron's versions (desktop). */
  runtime: string
  dataDir: string
  door: Door
}

export interface Notice {
  level: 'info' | 'warning' | 'error'
  message: string
}

type Empty = Record<string, never>

/** Every channel: `domain.verb`, one input object, one output. */
export interface Contract {
  'app.info': { input: Empty; output: AppInfo }
}

/** Every event main pushes: `domain.pastTense` (or a noun for notices). */
export interface EventPayloads {
  'app.notice': Notice
}

export type Channel = keyof Contract
export type InputOf<C extends Channel> = Contract[C]['input']
export type OutputOf<C extends Channel> = Contract[C]['output']
export type ResultOf<C extends Channel> = Result<OutputOf<C>>

// Compile-time guard: the runtime lists in channels.ts and the types above must name exactly the same things.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false
const channelsInStep: SameKeys<Channel, ChannelName> = true
const eventsInStep: SameKeys<keyof EventPayloads, EventName> = true
export const CONTRACT_IN_STEP = channelsInStep && eventsInStep

/** What the preload exposes as `window.api`, and what the HTTP client implements too. */
export interface Bridge {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}
