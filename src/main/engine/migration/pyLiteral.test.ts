import { describe, expect, it } from 'vitest'
import { parsePyLiteral, PyLiteralError } from './pyLiteral'

describe('parsePyLiteral', () => {
  it('reads what repr() writes for a V1 metadata dict', () => {
    const text =
      "{'session_id': 'session_1a2b3c4d', 'timestamp': '2025-03-01T10:15:00.123456', 'agent': None, " +
      "'ok': True, 'flags': (1, 2.5, -3), 'tags': ['a', \"it's\"], 'nested': {'x': False}, 'n': 1e-05}"
    expect(parsePyLiteral(text)).toEqual({
      session_id: 'session_1a2b3c4d',
      timestamp: '2025-03-01T10:15:00.123456',
      agent: null,
      ok: true,
      flags: [1, 2.5, -3],
      tags: ['a', "it's"],
      nested: { x: false },
      n: 1e-5,
    })
  })

  it('handles escapes, raw, bytes, adjacent strings, tuples and non-string keys', () => {
    expect(parsePyLiteral(String.raw`'tab\there\n\x41\u00e9\U0001F600\'q'`)).toBe("tab\there\nAé😀'q")
    expect(parsePyLiteral(String.raw`r'C:\path\n'`)).toBe(String.raw`C:\path\n`)
    expect(parsePyLiteral(String.raw`b'\x00\xffab'`)).toEqual({
      __bytes__: Buffer.from([0, 255, 97, 98]).toString('base64'),
    })
    expect(parsePyLiteral(`'ab' "cd"`)).toBe('abcd')
    expect(parsePyLiteral(`'''multi\nline'''`)).toBe('multi\nline')
    expect(parsePyLiteral('()')).toEqual([])
    expect(parsePyLiteral('(7,)')).toEqual([7])
    expect(parsePyLiteral('(7)')).toBe(7)
    expect(parsePyLiteral("{1: 'a', True: 'b', None: 'c', 2.5: 'd'}")).toEqual({
      '1': 'a',
      true: 'b',
      null: 'c',
      '2.5': 'd',
    })
    expect(parsePyLiteral('0x1F')).toBe(31)
    expect(parsePyLiteral('1_000')).toBe(1000)
    expect(parsePyLiteral('123456789012345678901234567890')).toBe('123456789012345678901234567890')
  })

  it('refuses anything that is not a literal, saying where', () => {
    const cases: [string, RegExp][] = [
      [
        "{'when': datetime.datetime(2025, 1, 1)}",
        /a call to datetime.datetime\(\.\.\.\) is not a literal at 1:10/,
      ],
      ["{'x': __import__('os').system('rm -rf /')}", /call to __import__\(\.\.\.\) is not a literal at 1:7/],
      ["{'a': 1", /expected ',' or '}'/],
      ["{'a' 1}", /expected ':'/],
      ["'unterminated", /unterminated string at 1:1/],
      ['1 + 2', /unexpected text after the value at 1:3/],
      ["{['list']: 1}", /a dict key must be str/],
      ['1j', /complex numbers/],
      ["f'{x}'", /name f is not a literal|unexpected/],
      ['', /unexpected end/],
      ["b'x' 'y'", /cannot mix bytes and str/],
    ]
    for (const [text, message] of cases) {
      expect(() => parsePyLiteral(text), text).toThrow(PyLiteralError)
      expect(() => parsePyLiteral(text), text).toThrow(message)
    }
  })

  it('bounds nesting instead of overflowing the stack', () => {
    expect(() => parsePyLiteral('['.repeat(5000) + ']'.repeat(5000))).toThrow(/nested deeper/)
  })
})
