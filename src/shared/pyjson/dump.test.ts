import { describe, expect, it } from 'vitest'
import { pythonReference as reference } from './testdata/pythonReference'
import { dumpPyJson, type DumpOptions } from './dump'
import { PyNumber } from './pyNumber'
import { PyObject } from './pyObject'

const s = reference.string
const sample = new PyObject([
  ['s', s],
  ['n', [1, 2.5, null, true, false, [], new PyObject()]],
  ['e', new PyObject([['k', [new PyObject([['x', 1e16]])]]])],
  ['nan', Number.NaN],
  ['inf', Infinity],
  ['ninf', -Infinity],
  [s, 0],
])

const toOptions = (py: Record<string, unknown>): DumpOptions => ({
  indent: py.indent as number | string | undefined,
  ensureAscii: py.ensure_ascii as boolean | undefined,
  separators: py.separators as [string, string] | undefined,
})

describe('dumpPyJson', () => {
  it.each(reference.dumps.map(([opts, out]) => [JSON.stringify(opts), opts, out] as const))(
    'matches CPython json.dumps with %s',
    (_label, pyOpts, expected) => {
      expect(dumpPyJson(sample, toOptions(pyOpts as Record<string, unknown>))).toBe(expected)
    },
  )

  it('keeps the lone surrogate as one escape and pairs astral characters', () => {
    expect(dumpPyJson('\ud83d')).toBe('"\\ud83d"')
    expect(dumpPyJson('\ude00x')).toBe('"\\ude00x"')
    expect(dumpPyJson('😀')).toBe('"\\ud83d\\ude00"')
    expect(dumpPyJson('😀', { ensureAscii: false })).toBe('"😀"')
  })

  it('escapes DEL only under ensure_ascii, never the slash', () => {
    expect(dumpPyJson('\x7f/')).toBe('"\\u007f/"')
    expect(dumpPyJson('\x7f/', { ensureAscii: false })).toBe('"\x7f/"')
  })

  it('prints PyNumber text verbatim', () => {
    expect(
      dumpPyJson([new PyNumber('5.0'), new PyNumber('1E5'), new PyNumber('123456789012345678901234567890')]),
    ).toBe('[5.0, 1E5, 123456789012345678901234567890]')
  })

  it('starts at the given level so a value can be placed inside a document', () => {
    expect(dumpPyJson({ role: 'user', content: [1] }, { indent: 2, level: 2 })).toBe(
      '{\n      "role": "user",\n      "content": [\n        1\n      ]\n    }',
    )
  })

  it('writes empty containers on one line even when indenting', () => {
    expect(dumpPyJson({ a: [], b: {}, c: new Map() }, { indent: 2 })).toBe(
      '{\n  "a": [],\n  "b": {},\n  "c": {}\n}',
    )
  })

  it('coerces Map keys the way Python coerces dict keys', () => {
    const m = new Map<unknown, number>([
      [7, 1],
      [true, 2],
      [null, 3],
      [1.5, 4],
    ])
    expect(dumpPyJson(m)).toBe('{"7": 1, "true": 2, "null": 3, "1.5": 4}')
  })

  it('refuses NaN when allowNan is false, and values Python cannot serialise', () => {
    expect(() => dumpPyJson([Number.NaN], { allowNan: false })).toThrow(/not JSON compliant/)
    expect(() => dumpPyJson(new PyNumber('Infinity'), { allowNan: false })).toThrow(/not JSON compliant/)
    expect(() => dumpPyJson(new Set([1]))).toThrow(/Set is not JSON serializable/)
    expect(() => dumpPyJson(new Date(0))).toThrow(/not JSON serializable/)
    expect(() => dumpPyJson([undefined])).toThrow(/undefined is not JSON serializable/)
  })

  it('detects cycles', () => {
    const a: unknown[] = []
    a.push(a)
    expect(() => dumpPyJson(a)).toThrow(/Circular/)
  })

  it('repeats an object that appears twice without calling it a cycle', () => {
    const shared = { x: 1 }
    expect(dumpPyJson([shared, shared])).toBe('[{"x": 1}, {"x": 1}]')
  })
})
