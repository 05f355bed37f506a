import { describe, expect, it } from 'vitest'
import { compileHighlight, splitMatches } from './highlight'

describe('highlight', () => {
  it('escapes plain text and ignores case unless asked', () => {
    const pattern = compileHighlight({ text: 'a.b' })
    expect(splitMatches('xA.By a-b', pattern)).toEqual([
      { text: 'x', match: false },
      { text: 'A.B', match: true },
      { text: 'y a-b', match: false },
    ])
    expect(splitMatches('A.B a.b', compileHighlight({ text: 'a.b', caseSensitive: true }))).toEqual([
      { text: 'A.B ', match: false },
      { text: 'a.b', match: true },
    ])
  })

  it('uses regexes and survives empty matches and invalid patterns', () => {
    expect(
      splitMatches('call_1 call_22', compileHighlight({ text: 'call_\\d+', regex: true })).filter(
        (s) => s.match,
      ),
    ).toEqual([
      { text: 'call_1', match: true },
      { text: 'call_22', match: true },
    ])
    expect(splitMatches('bbb', compileHighlight({ text: 'a*', regex: true }))).toEqual([
      { text: 'bbb', match: false },
    ])
    expect(compileHighlight({ text: '(', regex: true })).toBeNull()
    expect(compileHighlight({ text: '' })).toBeNull()
  })

  it('marks what a catastrophic pattern matches without backtracking (the search matcher is shared)', () => {
    const text = `${'a'.repeat(40)}b ${'a'.repeat(40)}`
    expect(splitMatches(text, compileHighlight({ text: '(a|aa)+$', regex: true }))).toEqual([
      { text: `${'a'.repeat(40)}b `, match: false },
      { text: 'a'.repeat(40), match: true },
    ])
    expect(compileHighlight({ text: '(a)\\1', regex: true })).toBeNull()
  })
})
