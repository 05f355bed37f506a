import { describe, expect, it } from 'vitest'
import { dumpPyJson } from './dump'
import { formatShortJsonPath } from './jsonPath'
import { JsonNestingError, NestingTooDeepError, PY_JSON_MAX_DEPTH } from './nesting'
import { parsePyJson } from './parse'
import { fromPlain, toPlain } from './plain'
import { PyObject } from './pyObject'
import type { PyValue } from './pyObject'

const arraysText = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

/** `{"a": [{"a": [ … ]}]}`: objects and arrays alternating, `depth` containers in all. */
function nestedValue(depth: number, plainObjects = false): PyValue {
  let value: PyValue = []
  for (let d = 1; d < depth; d++) {
    if (d % 2 === 0) value = [value]
    else value = plainObjects ? ({ a: value } as unknown as PyValue) : new PyObject([['a', value]])
  }
  return value
}

function thrown(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('expected an error')
}

describe('nesting depth', () => {
  it('parses exactly the depth CPython json.load reads from MARSYS, and refuses one more with place and path', () => {
    expect(() => parsePyJson(arraysText(PY_JSON_MAX_DEPTH))).not.toThrow()
    const text = '{"messages": [{"content": ' + arraysText(PY_JSON_MAX_DEPTH) + '}]}'
    const e = thrown(() => parsePyJson(text)) as JsonNestingError
    expect(e).toBeInstanceOf(JsonNestingError)
    expect(e.line).toBe(1)
    // The first container past the limit: 3 around the content, then PY_JSON_MAX_DEPTH - 3 arrays.
    expect(e.column).toBe(27 + PY_JSON_MAX_DEPTH - 3)
    expect(e.message).toBe(
      `line 1, column ${e.column}: nested more than 1497 levels deep at $.messages[0].content[0][0][0][0][0]…(1486 more)…[0][0][0] (CPython 3.12's json raises RecursionError past 1497 levels, so MARSYS cannot load it on Python 3.12 (3.13 reads up to 9998))`,
    )
  })

  it('refuses 5,000 levels without overflowing the stack', () => {
    expect(thrown(() => parsePyJson(arraysText(5000)))).toBeInstanceOf(JsonNestingError)
  })

  it('says when no supported Python could load it either', () => {
    expect((thrown(() => parsePyJson(arraysText(9998))) as Error).message).toMatch(
      /\(3\.13 reads up to 9998\)\)$/,
    )
    expect((thrown(() => parsePyJson(arraysText(9999))) as Error).message).toMatch(
      /past 1497 levels on CPython 3\.12 and past 9998 on 3\.13, so MARSYS cannot load it on any Python it supports\)$/,
    )
  })

  it('toPlain, fromPlain and dumpPyJson name the path instead of overflowing the stack', () => {
    const deep = nestedValue(5000)
    const walks = [
      () => toPlain(deep),
      () => fromPlain(nestedValue(5000, true)),
      () => dumpPyJson(deep, { indent: 2 }),
    ]
    for (const walk of walks) {
      const e = thrown(walk) as NestingTooDeepError
      expect(e).toBeInstanceOf(NestingTooDeepError)
      expect(e.path).toBe('$.a[0].a[0].a[0].a[0]…(1486 more)….a[0].a')
      expect(e.message).toContain('nested more than 1497 levels deep at $.a[0]')
    }
  })

  it('walks values at the limit', () => {
    const atLimit = nestedValue(PY_JSON_MAX_DEPTH)
    const text = dumpPyJson(atLimit)
    expect(dumpPyJson(parsePyJson(text))).toBe(text)
    expect(JSON.stringify(toPlain(atLimit))).toBe(text.replace(/ /g, ''))
  })

  it('shortens only long paths', () => {
    expect(formatShortJsonPath(['messages', 3, 'content'])).toBe('$.messages[3].content')
  })
})
