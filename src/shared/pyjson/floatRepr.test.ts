import { describe, expect, it } from 'vitest'
import { pythonReference as reference } from './testdata/pythonReference'
import { formatJsNumber, pyFloatRepr } from './floatRepr'

describe('pyFloatRepr', () => {
  it.each(reference.floatRepr)('matches CPython repr(%s)', (repr) => {
    expect(pyFloatRepr(Number(repr))).toBe(repr)
  })

  it('writes the non-finite values as json.dumps does', () => {
    expect(pyFloatRepr(Number.NaN)).toBe('NaN')
    expect(pyFloatRepr(Infinity)).toBe('Infinity')
    expect(pyFloatRepr(-Infinity)).toBe('-Infinity')
  })

  it('switches to exponent form exactly where Python does', () => {
    expect(pyFloatRepr(1e15)).toBe('1000000000000000.0')
    expect(pyFloatRepr(1e16)).toBe('1e+16')
    expect(pyFloatRepr(0.0001)).toBe('0.0001')
    expect(pyFloatRepr(0.00001)).toBe('1e-05')
    expect(pyFloatRepr(1.5e-7)).toBe('1.5e-07')
  })
})

describe('formatJsNumber', () => {
  it('writes safe integers as Python ints and everything else as floats', () => {
    expect(formatJsNumber(42)).toBe('42')
    expect(formatJsNumber(-7)).toBe('-7')
    expect(formatJsNumber(2 ** 53 - 1)).toBe('9007199254740991')
    expect(formatJsNumber(2 ** 53)).toBe('9007199254740992.0')
    expect(formatJsNumber(1e16)).toBe('1e+16')
    expect(formatJsNumber(1795317863.1020892)).toBe('1795317863.1020892')
    expect(formatJsNumber(-0)).toBe('-0.0')
  })
})
