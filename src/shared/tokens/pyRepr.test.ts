import { describe, expect, it } from 'vitest'
import { PyNumber, PyObject } from '../pyjson'
import { pyRepr, pyStr } from './pyRepr'
import { isPyBlank, pyLen } from './pyText'

// Expected strings are CPython 3.11 output for the same values.
describe('pyRepr / pyStr', () => {
  it('writes a typed array like MARSYS writes list content on a tool message', () => {
    expect(pyStr([{ type: 'text', text: 'list content on a tool message' }])).toBe(
      "[{'type': 'text', 'text': 'list content on a tool message'}]",
    )
  })

  it('writes Python literals, floats and quote choices', () => {
    const value = new PyObject([
      ['a', new PyNumber('1.0')],
      ['b', [true, null, new PyNumber('1e16'), 0.00001, new PyNumber('NaN'), new PyNumber('Infinity')]],
      ['c', 'x"y'],
      ['d', 'x\'y"'],
    ])
    expect(pyRepr(value)).toBe(
      `{'a': 1.0, 'b': [True, None, 1e+16, 1e-05, nan, inf], 'c': 'x"y', 'd': 'x\\'y"'}`,
    )
    expect(pyRepr("it's")).toBe(`"it's"`)
  })

  it('escapes non-printable characters and keeps printable non-ASCII', () => {
    expect(pyRepr('a\x00\u200f\ud800é😀\t')).toBe("'a\\x00\\u200f\\ud800é😀\\t'")
    expect(pyRepr('\x7f\x85\xa0\xad\u2028\u{e0001} \u{1d538}')).toBe(
      "'\\x7f\\x85\\xa0\\xad\\u2028\\U000e0001 𝔸'",
    )
  })

  it('writes ints from plain numbers and PyNumbers', () => {
    expect(pyStr(12345)).toBe('12345')
    expect(pyStr(new PyNumber('-0'))).toBe('0')
    expect(pyStr(new PyNumber('123456789012345678901234567890'))).toBe('123456789012345678901234567890')
    expect(pyStr(2.5)).toBe('2.5')
    expect(pyStr(false)).toBe('False')
  })
})

describe('pyLen / isPyBlank', () => {
  it('counts code points', () => {
    expect(pyLen('a😀\ud800')).toBe(3)
    expect(pyLen('\udc00\ud800')).toBe(2)
  })

  it('uses Python whitespace', () => {
    expect(isPyBlank(' \t\n\x1c\u3000')).toBe(true)
    expect(isPyBlank('\ufeff')).toBe(false)
    expect(isPyBlank('')).toBe(true)
  })
})
