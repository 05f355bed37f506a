import type { EventPayloads } from '../../shared/contract'
import type { EventName } from '../../shared/channels'

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

/** Main's one event bus: handlers and the engine emit, each transport forwards to its clients. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload)
  }
}
