import { UtcDateTime } from '../../../shared/model/langswarm'
import type { ReadOptions } from './types'

const HAS_OFFSET = /(?:[Zz]|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d+)?)?)?)$/
const HAS_TIME = /[Tt ]\d{2}/

export interface ReadTimestamp {
  value: UtcDateTime
  /** The text had no offset and was interpreted per `naiveTimestampsAs`. */
  naive: boolean
}

/**
 * A source's datetime text, read as Python's `fromisoformat` does. A naive value (V1 writes local time without
 * an offset) is UTC by default, or this machine's local time with `naiveTimestampsAs: 'local'`.
 */
export function readTimestamp(text: string, path: string, options: ReadOptions): ReadTimestamp {
  const parsed = UtcDateTime.parse(text.trim(), path)
  const naive = !(HAS_TIME.test(text) && HAS_OFFSET.test(text.trim()))
  if (!naive || options.naiveTimestampsAs !== 'local') return { value: parsed, naive }
  const offsetMinutes = new Date(parsed.epochMs).getTimezoneOffset()
  return { value: parsed.plusMilliseconds(offsetMinutes * 60_000), naive }
}

/** Seconds since the epoch (Python `time.time()`), as MARSYS writes them. */
export const fromEpochSeconds = (seconds: number): UtcDateTime =>
  UtcDateTime.fromEpochMs(Math.floor(seconds * 1000), Math.round((seconds * 1e6) % 1000))

export const toEpochSeconds = (value: UtcDateTime): number => (value.epochMs * 1000 + value.subMsMicros) / 1e6
