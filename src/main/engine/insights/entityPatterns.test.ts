import { describe, expect, it } from 'vitest'
import { tenMegabytesOf } from './testing/testConversations'
import { patternEntities } from './entityPatterns'

describe('pattern entities', () => {
  it('does not look for paths or ids inside a URL', () => {
    expect(patternEntities('see https://x.io/a/b/c.html?id=123e4567-e89b-12d3-a456-426614174000.')).toEqual([
      { kind: 'url', text: 'https://x.io/a/b/c.html?id=123e4567-e89b-12d3-a456-426614174000' },
    ])
  })

  it('keeps hex runs only when they mix digits and letters', () => {
    expect(patternEntities('deadbeefcafebabe 123456789012345 9fceb02d0ae5').map((h) => h.text)).toEqual([
      '9fceb02d0ae5',
    ])
  })

  it('a UUID is one id, not also its last group', () => {
    expect(patternEntities('run 3f2b9c1e-8a7d-4e5f-9b0c-1d2e3f4a5b6c, commit #9fceb02d0ae5')).toEqual([
      { kind: 'id', text: '3f2b9c1e-8a7d-4e5f-9b0c-1d2e3f4a5b6c' },
      { kind: 'id', text: '9fceb02d0ae5' },
    ])
  })

  // A backtracking pattern would take hours on these; each must come back (the test's timeout is the guard).
  describe('10 MB inputs built to make regexes backtrack', () => {
    it.each([
      ['relative path segments without an extension', 'ab/', 0],
      ['absolute path segments', '/a', 0],
      ['windows path segments', 'C:\\a', 1],
      ['scheme-like words', 'http:/', 0],
      ['id prefixes', 'call_', 0],
      ['digits', '2024-01-0', 0],
    ])('%s', (_name, unit, expected) => {
      expect(patternEntities(tenMegabytesOf(unit)).length).toBe(expected)
    })
  })
})
