import { ValidationError } from './errors'

/** Anything the engine accepts where the Python API takes a datetime. */
export type DateTimeInput = UtcDateTime | Date | string

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?(Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?$/
const OFFSET = /^([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2})(?:\.(\d{1,6}))?)?$/
const MIN_YEAR = 1
const MAX_YEAR = 9999

let lastIssuedMs = Number.NEGATIVE_INFINITY
let lastIssuedMicros = 0

/**
 * An instant with Python's microsecond precision. JS Dates stop at milliseconds, so the sub-millisecond part is
 * kept separately: a string written by Python (`2026-11-22T03:21:42.629026+00:00`) parses and formats back
 * byte-for-byte. Values are always UTC; a string with another offset is converted, and a naive string (no offset,
 * as V1 data and some Python code write) is taken to be UTC.
 */
export class UtcDateTime {
  private constructor(
    /** Whole milliseconds since the Unix epoch (floor). */
    readonly epochMs: number,
    /** Microseconds within that millisecond, 0–999. */
    readonly subMsMicros: number,
  ) {}

  static fromEpochMs(epochMs: number, subMsMicros = 0): UtcDateTime {
    if (!Number.isFinite(epochMs) || !Number.isInteger(subMsMicros)) {
      throw new ValidationError(`Not a valid instant: ${epochMs} ms + ${subMsMicros} µs`)
    }
    const wholeMs = Math.floor(epochMs)
    let micros = Math.round((epochMs - wholeMs) * 1000) + subMsMicros
    const carry = Math.floor(micros / 1000)
    micros -= carry * 1000
    const value = new UtcDateTime(wholeMs + carry, micros)
    const year = new Date(value.epochMs).getUTCFullYear()
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new ValidationError(
        `Datetime out of Python's range (years ${MIN_YEAR}–${MAX_YEAR}): year ${year}`,
      )
    }
    return value
  }

  static fromDate(date: Date): UtcDateTime {
    return UtcDateTime.fromEpochMs(date.getTime())
  }

  /**
   * The current time. Within one process successive calls strictly increase (by a microsecond when the clock has
   * not moved), so messages added in a burst keep their order when sorted or filtered by timestamp.
   */
  static now(): UtcDateTime {
    const ms = Date.now()
    if (ms > lastIssuedMs) {
      lastIssuedMs = ms
      lastIssuedMicros = 0
    } else if (lastIssuedMicros < 999) {
      lastIssuedMicros += 1
    } else {
      // A burst of over a thousand calls in one millisecond (or a clock step back): run ahead by a microsecond.
      lastIssuedMs += 1
      lastIssuedMicros = 0
    }
    return new UtcDateTime(lastIssuedMs, lastIssuedMicros)
  }

  /**
   * Reads what Python's `datetime.fromisoformat` (3.11+) reads in extended format: `Z`, numeric offsets, naive
   * strings (taken as UTC), a space instead of `T`, and 1–9 fractional digits (beyond 6 are truncated, as Python does).
   */
  static parse(text: string, path = 'datetime'): UtcDateTime {
    const parsed = UtcDateTime.tryParse(text)
    if (parsed === null) {
      throw new ValidationError(`${path} is not an ISO 8601 datetime: ${JSON.stringify(text)}`, { path })
    }
    return parsed
  }

  static tryParse(text: string): UtcDateTime | null {
    const match = ISO_DATETIME.exec(text)
    if (match === null) return null
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match
    const year = Number(y)
    const month = Number(mo)
    const day = Number(d)
    const hour = Number(h)
    const minute = Number(mi)
    const second = Number(s)
    if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
      return null

    const local = new Date(0)
    local.setUTCFullYear(year, month - 1, day)
    if (local.getUTCMonth() !== month - 1) return null // e.g. 2026-02-30
    local.setUTCHours(hour, minute, second, 0)
    const micros = Number(fraction.slice(0, 6).padEnd(6, '0'))

    const offsetMicros = offset === undefined ? 0 : parseOffsetMicros(offset)
    if (offsetMicros === null) return null
    const offsetMs = Math.floor(offsetMicros / 1000)
    const offsetSubMs = offsetMicros - offsetMs * 1000
    try {
      return UtcDateTime.fromEpochMs(
        local.getTime() + Math.floor(micros / 1000) - offsetMs,
        (micros % 1000) - offsetSubMs,
      )
    } catch {
      return null
    }
  }

  static from(input: DateTimeInput, path = 'datetime'): UtcDateTime {
    if (input instanceof UtcDateTime) return input
    if (input instanceof Date) return UtcDateTime.fromDate(input)
    if (typeof input === 'string') return UtcDateTime.parse(input, path)
    throw new ValidationError(`${path} must be a datetime`, { path })
  }

  /** Python's `isoformat()` of an aware UTC datetime: six fraction digits, omitted when zero; `+00:00`, never `Z`. */
  toIsoString(): string {
    const date = new Date(this.epochMs)
    const fractionMicros = date.getUTCMilliseconds() * 1000 + this.subMsMicros
    const fraction = fractionMicros === 0 ? '' : `.${String(fractionMicros).padStart(6, '0')}`
    return (
      `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
      `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction}+00:00`
    )
  }

  toJSON(): string {
    return this.toIsoString()
  }

  toString(): string {
    return this.toIsoString()
  }

  /** Loses the sub-millisecond part. */
  toDate(): Date {
    return new Date(this.epochMs)
  }

  plusMilliseconds(ms: number): UtcDateTime {
    return UtcDateTime.fromEpochMs(this.epochMs + ms, this.subMsMicros)
  }

  compare(other: UtcDateTime): -1 | 0 | 1 {
    if (this.epochMs !== other.epochMs) return this.epochMs < other.epochMs ? -1 : 1
    if (this.subMsMicros !== other.subMsMicros) return this.subMsMicros < other.subMsMicros ? -1 : 1
    return 0
  }

  isBefore(other: UtcDateTime): boolean {
    return this.compare(other) < 0
  }

  isAfter(other: UtcDateTime): boolean {
    return this.compare(other) > 0
  }

  equals(other: UtcDateTime): boolean {
    return this.compare(other) === 0
  }
}

function parseOffsetMicros(offset: string): number | null {
  if (offset === 'Z' || offset === 'z') return 0
  const match = OFFSET.exec(offset)
  if (match === null) return null
  const [, sign, h, m = '0', s = '0', fraction = ''] = match
  const hours = Number(h)
  const minutes = Number(m)
  const seconds = Number(s)
  if (hours > 23 || minutes > 59 || seconds > 59) return null
  const micros = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + Number(fraction.padEnd(6, '0'))
  return sign === '-' ? -micros : micros
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')
