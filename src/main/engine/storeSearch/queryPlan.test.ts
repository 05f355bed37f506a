import { describe, expect, it } from 'vitest'
import { foldCase, MAX_FRAGMENTS, planQuery, requiredLiterals, wordsOf } from './queryPlan'

describe('store search query plan', () => {
  it('splits folded text into words, keeping call ids and unicode words whole', () => {
    expect(wordsOf('Weather in BERLIN: call_wx_berlin, Ünïcode ΟΔΟΣ 東京タワー')).toEqual([
      'weather',
      'in',
      'berlin',
      'call_wx_berlin',
      'ünïcode',
      'οδοσ',
      '東京タワー',
    ])
    // Both sigmas fold to one letter, as a case-insensitive match treats them.
    expect(foldCase('ς')).toBe(foldCase('Σ'))
  })

  it('plans a one-word plain query as exact and a phrase as bounded fragments', () => {
    expect(planQuery({ text: 'Berlin' })).toEqual({
      fragments: [{ text: 'berlin', start: false, end: false }],
      exact: true,
    })
    expect(planQuery({ text: 'Berlin', caseSensitive: true })?.exact).toBe(false)
    expect(planQuery({ text: '"city": "Berlin"' })).toEqual({
      fragments: [
        { text: 'city', start: true, end: true },
        { text: 'berlin', start: true, end: true },
      ],
      exact: false,
    })
    expect(planQuery({ text: 'in Ber' })?.fragments).toEqual([
      { text: 'in', start: false, end: true },
      { text: 'ber', start: true, end: false },
    ])
    expect(planQuery({ text: '{} ->' })).toBeNull()
    expect(planQuery({ text: 'Straße' })?.exact).toBe(false) // folding changes its length
    // A long text looks up only its longest words (each one is a pass over the index).
    const long = planQuery({ text: Array.from({ length: 40 }, (_, i) => `w${'x'.repeat(i % 12)}`).join(' ') })
    expect(long?.fragments).toHaveLength(MAX_FRAGMENTS)
    expect(long?.fragments.map((f) => f.text.length)).toEqual([12, 11, 10, 9, 8, 7, 6, 5])
    expect(planQuery({ text: 'ab ab ab ab' })?.fragments).toHaveLength(3) // ab$, ^ab$, ^ab
  })

  it('takes from a regex only the literals every match contains', () => {
    expect(requiredLiterals('deploy\\w+ failed')).toEqual(['deploy', ' failed'])
    expect(requiredLiterals('colou?r')).toEqual(['colo', 'r'])
    expect(requiredLiterals('ab+c')).toEqual(['ab', 'c'])
    expect(requiredLiterals('x{0,3}yz{2}')).toEqual(['yz'])
    expect(requiredLiterals('a|b')).toEqual([])
    expect(requiredLiterals('(foo|bar)baz[xyz]qux')).toEqual(['baz', 'qux'])
    expect(requiredLiterals('\\x41bc\\d+\\.json')).toEqual(['bc', '.json'])
    expect(requiredLiterals('\\p{L}+end\\u00e9')).toEqual(['end'])
    expect(requiredLiterals('^call_[a-z]+$')).toEqual(['call_'])
    expect(planQuery({ text: '\\d{4}-\\d\\d', regex: true })).toBeNull()
    expect(planQuery({ text: 'get_(weather|time)', regex: true })?.fragments).toEqual([
      { text: 'get_', start: false, end: false },
    ])
  })
})
