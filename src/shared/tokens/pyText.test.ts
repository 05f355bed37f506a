import { describe, expect, it } from 'vitest'
import { LAST_PY_WHITESPACE, PY_WHITESPACE_RUN, pyLen, pyWordCount } from './pyText'

describe('pyLen', () => {
  it.each([
    ['', 0],
    ['plain ascii', 11],
    ['café 東京', 7],
    ['😀', 1],
    ['a😀b👩‍👩‍👧', 8],
    ['\ud83d', 1],
    ['\ude00\ud83d', 2],
    ['x\ud83dy', 3],
    ['\ud83d\ude00\ud83d', 2],
  ])('%j has %i code points', (text, expected) => {
    expect(pyLen(text)).toBe(expected)
    expect(pyLen(text)).toBe([...text].length)
  })
})

describe('pyWordCount', () => {
  const splitCount = (text: string): number => text.split(PY_WHITESPACE_RUN).filter((w) => w !== '').length

  it.each([
    ['', 0],
    ['   ', 0],
    ['one', 1],
    ['  two  words ', 2],
    ['tab\tnew\nline\r\nfeed\fvt\v', 5],
    ['\x1cfile\x1dgroup\x1erecord\x1funit', 4],
    ['nbsp\xa0nel\x85ideo\u3000ogham\u1680end', 5],
    ['line\u2028para\u2029narrow\u202fmath\u205fen\u2000em\u200a!', 7],
    // Not Python whitespace: BOM, zero-width space, the next ideographic character.
    ['bom\ufeffzw\u200bx\u3001y', 1],
    ['emoji 😀🚀 lone \ud83d surrogate', 5],
  ])('%j has %i words, as len(s.split())', (text, expected) => {
    expect(pyWordCount(text)).toBe(expected)
    expect(pyWordCount(text)).toBe(splitCount(text))
  })

  it('agrees with the split on every code unit, and no whitespace lies above the table', () => {
    const differ: string[] = []
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = `a${String.fromCharCode(unit)}b`
      const words = pyWordCount(text)
      if (words !== splitCount(text) || (unit > LAST_PY_WHITESPACE && words !== 1))
        differ.push(unit.toString(16))
    }
    expect(differ).toEqual([])
  })
})
