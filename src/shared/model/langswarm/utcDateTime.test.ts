import { describe, expect, it } from 'vitest'
import { ValidationError } from './errors'
import { UtcDateTime } from './utcDateTime'

describe('UtcDateTime', () => {
  it('round-trips strings written by Python isoformat() byte for byte', () => {
    const pythonWritten = [
      '2026-11-22T03:21:42.629026+00:00', // spec §3.1 example
      '2024-01-01T00:00:00+00:00', // microseconds 0: fraction omitted
      '2025-10-03T12:00:00.000001+00:00',
      '2025-10-03T12:00:00.999999+00:00',
      '2025-10-03T12:00:00.100000+00:00',
      '0001-01-01T00:00:00+00:00',
      '9999-12-31T23:59:59.999999+00:00',
      '2024-02-29T23:59:59.500000+00:00',
    ]
    for (const text of pythonWritten) expect(UtcDateTime.parse(text).toIsoString()).toBe(text)
  })

  it('keeps microseconds JS Dates cannot hold', () => {
    const value = UtcDateTime.parse('2026-11-22T03:21:42.629026+00:00')
    expect(value.toDate().toISOString()).toBe('2026-11-22T03:21:42.629Z')
    expect(value.subMsMicros).toBe(26)
    expect(value.compare(UtcDateTime.parse('2026-11-22T03:21:42.629025+00:00'))).toBe(1)
  })

  it('reads Z, other offsets and naive strings (naive = UTC) and writes +00:00', () => {
    expect(UtcDateTime.parse('2026-11-22T03:21:42.629026Z').toIsoString()).toBe(
      '2026-11-22T03:21:42.629026+00:00',
    )
    expect(UtcDateTime.parse('2026-11-22T05:21:42.629026+02:00').toIsoString()).toBe(
      '2026-11-22T03:21:42.629026+00:00',
    )
    expect(UtcDateTime.parse('2026-11-21T22:51:42-04:30').toIsoString()).toBe('2026-11-22T03:21:42+00:00')
    expect(UtcDateTime.parse('2026-11-22T03:21:42.629026').toIsoString()).toBe(
      '2026-11-22T03:21:42.629026+00:00',
    )
    // V1 data: naive utcnow().isoformat()
    expect(UtcDateTime.parse('2025-10-03T09:15:00.123456').toIsoString()).toBe(
      '2025-10-03T09:15:00.123456+00:00',
    )
    expect(UtcDateTime.parse('2026-01-01T00:30:00+0100').toIsoString()).toBe('2025-12-31T23:30:00+00:00')
  })

  it('accepts the other forms fromisoformat reads', () => {
    expect(UtcDateTime.parse('2026-11-22').toIsoString()).toBe('2026-11-22T00:00:00+00:00')
    expect(UtcDateTime.parse('2026-11-22 03:21').toIsoString()).toBe('2026-11-22T03:21:00+00:00')
    expect(UtcDateTime.parse('2026-11-22T03:21:42.5').toIsoString()).toBe('2026-11-22T03:21:42.500000+00:00')
    // more than six digits are truncated, as Python 3.11+ does
    expect(UtcDateTime.parse('2026-11-22T03:21:42.1234569+00:00').toIsoString()).toBe(
      '2026-11-22T03:21:42.123456+00:00',
    )
  })

  it('carries sub-millisecond offsets and negative epochs correctly', () => {
    expect(UtcDateTime.parse('1969-12-31T23:59:59.999999+00:00').epochMs).toBe(-1)
    expect(UtcDateTime.parse('1969-12-31T23:59:59.999999+00:00').subMsMicros).toBe(999)
    expect(UtcDateTime.parse('1950-06-01T12:00:00.000500+00:00').toIsoString()).toBe(
      '1950-06-01T12:00:00.000500+00:00',
    )
  })

  it('rejects what Python rejects', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-02-30T00:00:00',
      '2026-13-01',
      '2026-11-22T24:00:00',
      '2026-11-22T03:21:60',
      '2026-11-22T03:21:42+25:00',
      '0000-01-01',
    ]) {
      expect(() => UtcDateTime.parse(bad), bad).toThrow(ValidationError)
    }
  })

  it('serialises to JSON as the isoformat string', () => {
    expect(JSON.stringify({ at: UtcDateTime.parse('2024-01-01T00:00:00Z') })).toBe(
      '{"at":"2024-01-01T00:00:00+00:00"}',
    )
  })

  it('now() never repeats or goes backwards within a process', () => {
    const values = Array.from({ length: 2000 }, () => UtcDateTime.now())
    for (let index = 1; index < values.length; index += 1)
      expect(values[index].isAfter(values[index - 1])).toBe(true)
  })

  it('converts from Dates and adds milliseconds', () => {
    const value = UtcDateTime.fromDate(new Date('2026-01-01T00:00:00.250Z'))
    expect(value.toIsoString()).toBe('2026-01-01T00:00:00.250000+00:00')
    expect(value.plusMilliseconds(750).toIsoString()).toBe('2026-01-01T00:00:01+00:00')
    expect(
      UtcDateTime.from('2026-01-01T00:00:00Z').equals(UtcDateTime.from(new Date(Date.UTC(2026, 0, 1)))),
    ).toBe(true)
  })
})
