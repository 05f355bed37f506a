import { UtcDateTime } from '../../../shared/model/langswarm'
import type { LossEntry, ReadOptions } from './types'

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

/**
 * Reads a source's timestamps and notes, per field, the ones that were interpreted: written without an offset,
 * or with an offset other than UTC (the store keeps the same instant in UTC).
 */
export class TimeNotes {
  readonly entries: LossEntry[] = []

  read(text: string, field: string, options: ReadOptions): UtcDateTime {
    const { value, naive } = readTimestamp(text, field, options)
    if (naive) {
      const zone = options.naiveTimestampsAs === 'local' ? "this machine's local time" : 'UTC'
      this.note(field, `written without an offset; taken as ${zone}`)
    } else if (!/(?:\+00(?::?00)?|[Zz])$/.test(text.trim())) {
      this.note(field, 'written with a non-UTC offset; the same instant is kept in UTC')
    }
    return value
  }

  private note(field: string, reason: string): void {
    const entry = this.entries.find((e) => e.field === field && e.reason === reason)
    if (entry === undefined) this.entries.push({ field, count: 1, reason })
    else entry.count++
  }
}
