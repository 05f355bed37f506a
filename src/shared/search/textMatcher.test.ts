import { describe, expect, it } from 'vitest'
import { buildTextMatcher, PatternSyntaxError } from './textMatcher'

describe('the shared text matcher', () => {
  it('gives positions in UTF-16 units, as slice counts them, for regexes and plain text alike', () => {
    const text = '😀 naïve Café'
    for (const query of [{ text: 'café' }, { text: 'caf[eé]', regex: true }]) {
      const match = buildTextMatcher(query).first(text)!
      expect(text.slice(match.start, match.end)).toBe('Café')
    }
  })

  it('reads JavaScript spellings RE2 has: \\u escapes, named groups, captureless lookbehind', () => {
    expect(buildTextMatcher({ text: '\\u00e9', regex: true }).first('é')).toEqual({ start: 0, end: 1 })
    expect(buildTextMatcher({ text: '(?<word>ab)', regex: true }).first('xab')).toEqual({ start: 1, end: 3 })
    expect(buildTextMatcher({ text: '(?<=call_)\\d+', regex: true }).all('call_1 x_2 call_33', 10)).toEqual([
      { start: 5, end: 6 },
      { start: 16, end: 18 },
    ])
  })

  it('refuses backreferences and lookahead by name, but not an escaped backslash before a digit', () => {
    expect(() => buildTextMatcher({ text: '(a)\\1', regex: true })).toThrow(/backreferences/)
    expect(() => buildTextMatcher({ text: '(?<n>a)\\k<n>', regex: true })).toThrow(/named backreferences/)
    expect(() => buildTextMatcher({ text: 'a(?!b)', regex: true })).toThrow(/lookahead/)
    expect(() => buildTextMatcher({ text: 'a{1001}', regex: true })).toThrow(PatternSyntaxError)
    expect(buildTextMatcher({ text: 'C:\\\\1', regex: true }).first('C:\\1')).toEqual({ start: 0, end: 4 })
  })
})
