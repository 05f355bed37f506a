import { describe, expect, it } from 'vitest'
import { pyLen } from './pyText'

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
