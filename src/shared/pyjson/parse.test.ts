import { describe, expect, it } from 'vitest'
import { dumpPyJson } from './dump'
import { JsonSyntaxError } from './jsonSyntaxError'
import { parsePyJson } from './parse'
import { PyNumber } from './pyNumber'
import { PyObject } from './pyObject'

function syntaxError(text: string): JsonSyntaxError {
  try {
    parsePyJson(text)
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e
    throw e
  }
  throw new Error('expected a syntax error')
}

describe('parsePyJson values', () => {
  it('keeps lone surrogates through parse and dump', () => {
    const text = '["\\ud83d", "x\\udc00y", "\\ud83d\\ude00"]'
    const value = parsePyJson(text) as string[]
    expect(value[0]).toBe('\ud83d')
    expect(value[0].length).toBe(1)
    expect(value[2]).toBe('😀')
    expect(dumpPyJson(value)).toBe(text)
  })

  it('reads NaN and the infinities as PyNumber', () => {
    const value = parsePyJson('[NaN, Infinity, -Infinity]') as PyNumber[]
    expect(value.map((n) => n.raw)).toEqual(['NaN', 'Infinity', '-Infinity'])
    expect(Number.isNaN(+value[0])).toBe(true)
    expect(+value[2]).toBe(-Infinity)
    expect(() => parsePyJson('NaN', { allowNan: false })).toThrow(JsonSyntaxError)
  })

  it('keeps number text that a JS number would not print back', () => {
    const text = '[5.0, 1E5, 1e5, 12345678901234567890, -0, 0.10, 1e+16, 1795317863.1020892, 42, -3, 2.5]'
    const value = parsePyJson(text) as unknown[]
    expect(value.slice(0, 6).map((v) => (v as PyNumber).raw)).toEqual([
      '5.0',
      '1E5',
      '1e5',
      '12345678901234567890',
      '-0',
      '0.10',
    ])
    expect(value.slice(6)).toEqual([1e16, 1795317863.1020892, 42, -3, 2.5])
    expect(dumpPyJson(value)).toBe(text)
  })

  it('keeps key order, integer-like keys and duplicates', () => {
    const text = '{"b": 1, "7": 2, "a": 3, "b": 4}'
    const value = parsePyJson(text) as PyObject
    expect(value.keys()).toEqual(['b', '7', 'a', 'b'])
    expect(value.get('b')).toBe(4)
    expect(dumpPyJson(value)).toBe(text)
  })

  it('decodes every escape', () => {
    expect(parsePyJson('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u00E9"')).toBe('"\\/\b\f\n\r\té\u00e9')
  })

  it('accepts raw non-ASCII text', () => {
    expect(parsePyJson('{"k": "héllo 😀"}')).toEqual(new PyObject([['k', 'héllo 😀']]))
  })
})

describe('parsePyJson syntax errors', () => {
  it('reports line, column, what was expected and what was found', () => {
    const e = syntaxError('{\n  "a": 1,\n  "b": [1, 2}\n}')
    expect(e.line).toBe(3)
    expect(e.column).toBe(13)
    expect(e.offset).toBe(24)
    expect(e.expected).toBe("',' or ']'")
    expect(e.found).toBe("'}'")
    expect(e.message).toBe("line 3, column 13: expected ',' or ']' but found '}'")
    expect(e.context).toBe('  "b": [1, 2}\n            ^')
  })

  it('reports the missing comma between object members', () => {
    const e = syntaxError('{"a": 1 "b": 2}')
    expect(e.message).toBe("line 1, column 9: expected ',' or '}' but found '\"'")
  })

  it('reports end of input', () => {
    const e = syntaxError('{"a": ')
    expect([e.line, e.column, e.expected, e.found]).toEqual([1, 7, 'a value', 'end of input'])
  })

  it('names a bare word', () => {
    const e = syntaxError('this is not json')
    expect(e.message).toBe("line 1, column 1: expected a value but found 'this'")
  })

  it('counts columns in characters, not UTF-16 units', () => {
    const e = syntaxError('["😀😀" x]')
    expect(e.column).toBe(7)
  })

  it.each([
    ['[1,]', 'a value'],
    ['{"a" 1}', "':'"],
    ['{a: 1}', 'a key in double quotes'],
    ['"abc', "'\"' closing the string"],
    ['"a\nb"', 'an escape (\\n, \\t, \\u00XX) for the control character'],
    ['"\\x"', 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)'],
    ['"\\u12g4"', 'four hex digits after \\u'],
    ['[1] 2', 'end of input'],
    ['01', 'end of input'],
    ['-', 'a digit'],
    ['tru', 'a value'],
    ['', 'a value'],
  ])('%j → expected %s', (text, expected) => {
    expect(syntaxError(text).expected).toBe(expected)
  })
})
