import { describe, expect, it } from 'vitest'
import { parsePyJson, toPlain } from './pyjson'
import { decodeWire, encodeWire } from './wire'

/** What each door does to a reply: IPC clones it, HTTP sends it as JSON text. */
const overJson = (value: unknown): unknown => JSON.parse(JSON.stringify(encodeWire(value)))
const overIpc = (value: unknown): unknown => structuredClone(encodeWire(value))

describe('wire encoding', () => {
  const state = toPlain(
    parsePyJson('{"b": 1, "7": NaN, "a": [Infinity, -Infinity, 2.5], "c": {"$pyjson": "x"}}'),
  )

  it('keeps the source key order in plain values made from a file', () => {
    expect(Object.keys(state as object)).toEqual(['b', '7', 'a', 'c'])
    expect(JSON.stringify(state)).toBe('{"b":1,"7":null,"a":[null,null,2.5],"c":{"$pyjson":"x"}}')
    const edited = toPlain(parsePyJson('{"b": 1, "7": 2}')) as Record<string, number>
    edited['3'] = 3
    delete edited.b
    expect(Object.keys(edited)).toEqual(['7', '3'])
    expect({ ...edited }).toEqual({ 7: 2, 3: 3 })
    delete edited['7']
    expect(() => structuredClone(encodeWire({ edited }))).not.toThrow()
    expect(encodeWire({ edited })).toEqual({ edited: { 3: 3 } })
  })

  it('delivers the same values, in the same order, through a clone and through JSON', () => {
    const viaJson = decodeWire(overJson({ value: state }))
    const viaIpc = decodeWire(overIpc({ value: state }))
    expect(JSON.stringify(encodeWire(viaJson))).toBe(JSON.stringify(encodeWire(viaIpc)))
    const value = (viaJson as { value: Record<string, unknown> }).value
    expect(Object.keys(value)).toEqual(['b', '7', 'a', 'c'])
    expect(value['7']).toBeNaN()
    expect(value.a).toEqual([Infinity, -Infinity, 2.5])
    expect(value.c).toEqual({ $pyjson: 'x' })
  })

  it('leaves ordinary replies untouched and drops undefined fields like JSON', () => {
    const reply = { id: 'd1', rows: [{ index: 0, name: null }], total: 1 }
    expect(encodeWire(reply)).toBe(reply)
    expect(decodeWire(reply)).toBe(reply)
    expect(encodeWire({ a: 1, b: undefined, c: [undefined] })).toEqual({ a: 1, c: [null] })
  })

  it('sends non-finite numbers and lossless number text explicitly', () => {
    expect(encodeWire([NaN, Infinity, -Infinity])).toEqual([
      { $pyjson: 'NaN' },
      { $pyjson: 'Infinity' },
      { $pyjson: '-Infinity' },
    ])
    expect(encodeWire(parsePyJson('[5.0, 7]'))).toEqual([{ $pyjson: '5.0' }, 7])
    expect(encodeWire(parsePyJson('{"7": 1, "a": 2}'))).toEqual({ $pyjson: '{"7": 1, "a": 2}' })
  })
})
