import { describe, expect, it } from 'vitest'
import { NestingTooDeepError, parsePyJson, type PyValue } from '../pyjson'
import { DefaultTokenCounter } from './marsysTokenCounter'
import { pyRepr } from './pyRepr'

describe('token counts of non-string values follow Python’s repr of the loaded value', () => {
  // Reference counts: MARSYS's own src/marsys/utils/tokens.py (DefaultTokenCounter) run by CPython 3.11.7 on
  // `json.loads(text)` of each text: `DefaultTokenCounter().count_message(json.loads(text))`.
  const cases: [string, number][] = [
    ['{"role": "user", "content": "hello there, how are you doing today?", "name": 1e+308}', 13],
    ['{"role": "user", "content": [5.0, 1E+2, 1e-400, -0.0, 1e+16, 100000000000000000000], "name": 5.0}', 11],
    ['{"role": "user", "content": {"a": 5.0, "b": 1E+2, "c": 1e-400, "d": 1e+308}}', 12],
    ['{"role": "user", "content": [1E+2], "name": 1e-400}', 4],
  ]
  it.each(cases)('%s counts %i', (text, expected) => {
    expect(new DefaultTokenCounter().countMessage(parsePyJson(text))).toBe(expected)
  })

  it('writes floats as Python does, also when they are plain JS numbers', () => {
    expect(pyRepr(parsePyJson('[5.0, 1E+2, 1e-400, 1e+308, -0.0]'))).toBe('[5.0, 100.0, 0.0, 1e+308, -0.0]')
    // A plain JS number past 2**53 or -0 was a float literal (integers that large are kept exactly by the parser).
    expect(pyRepr([1e308, -0, 3])).toBe('[1e+308, -0.0, 3]')
  })

  it('names the path of a value nested too deep instead of overflowing the stack', () => {
    let deep: PyValue = []
    for (let i = 0; i < 5000; i++) deep = [deep]
    expect(() => pyRepr({ content: deep })).toThrow(NestingTooDeepError)
    expect(() => new DefaultTokenCounter().countMessage({ role: 'user', content: [deep] })).toThrow(
      /nested more than 1497 levels deep at \$\[0\]\[0\]/,
    )
  })
})
