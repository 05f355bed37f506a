import { describe, expect, it } from 'vitest'
import { PyObject } from './pyObject'
import { fromPlain, toPlain } from './plain'
import { PyNumber } from './pyNumber'
import { isTruthy } from './pyPredicates'

describe('PyObject', () => {
  it('keeps insertion order and replaces values in place', () => {
    const o = new PyObject([
      ['2', 'two'],
      ['1', 'one'],
    ])
    o.set('3', 'three').set('2', 'TWO')
    expect(o.keys()).toEqual(['2', '1', '3'])
    expect(o.get('2')).toBe('TWO')
    expect(o.size).toBe(3)
  })

  it('deletes every occurrence of a key', () => {
    const o = new PyObject([
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ])
    expect(o.hasDuplicateKeys()).toBe(true)
    expect(o.delete('a')).toBe(true)
    expect(o.keys()).toEqual(['b'])
    expect(o.has('a')).toBe(false)
    expect(o.delete('a')).toBe(false)
  })
})

describe('toPlain / fromPlain', () => {
  it('converts to plain data with numbers and last-wins keys', () => {
    const v = new PyObject([
      ['n', new PyNumber('5.0')],
      ['l', [new PyObject([['x', null]])]],
      ['k', 1],
      ['k', 2],
    ])
    expect(toPlain(v)).toEqual({ n: 5, l: [{ x: null }], k: 2 })
  })

  it('makes __proto__ an ordinary own key', () => {
    const plain = toPlain(new PyObject([['__proto__', 1]])) as Record<string, unknown>
    expect(Object.keys(plain)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype)
  })

  it('builds PyObjects from plain objects and Maps', () => {
    const v = fromPlain({ a: [1, { b: 'c' }], m: new Map([['z', true]]), skip: undefined })
    expect(v).toBeInstanceOf(PyObject)
    expect((v as PyObject).keys()).toEqual(['a', 'm'])
    expect(toPlain(v)).toEqual({ a: [1, { b: 'c' }], m: { z: true } })
  })
})

describe('isTruthy', () => {
  it('follows Python truthiness', () => {
    for (const v of [null, false, 0, '', [], new PyObject(), {}, new PyNumber('0.0')])
      expect(isTruthy(v)).toBe(false)
    for (const v of [true, 1, 'x', [0], new PyObject([['a', null]]), new PyNumber('NaN')])
      expect(isTruthy(v)).toBe(true)
  })
})
