import type { WireMessage } from './types'

// Which input message a working message stands for, so a simulation can say which messages each stage changed.
// Keyed by object: MARSYS's processors pass messages through, copy them (`msg.copy()`) or mutate them in place.
const ORIGIN = new WeakMap<object, number>()

export function setOrigin(message: WireMessage, index: number): void {
  ORIGIN.set(message, index)
}

export function originOf(message: WireMessage): number | undefined {
  return ORIGIN.get(message)
}

/** A shallow copy that still stands for the same input message (MARSYS's `dict.copy()`). */
export function copyMessage(message: WireMessage): WireMessage {
  const copy = { ...message }
  const origin = ORIGIN.get(message)
  if (origin !== undefined) ORIGIN.set(copy, origin)
  return copy
}
