import { describe, expect, it } from 'vitest'
import { matchCommands } from './matchCommand'

const TITLES = [
  'Save',
  'Save as…',
  'Switch between timeline and table',
  'Show or hide the Lint panel',
  'Undo',
]
const match = (query: string) => matchCommands(TITLES, query, (title) => title)

describe('matchCommands', () => {
  it('keeps everything, in order, when nothing is typed', () => {
    expect(match('  ')).toEqual(TITLES)
  })

  it('finds words in any order, whole words first', () => {
    expect(match('save')).toEqual(['Save', 'Save as…'])
    expect(match('as save')).toEqual(['Save as…'])
    expect(match('lint')).toEqual(['Show or hide the Lint panel'])
  })

  it('finds letters spread out, after whole-word hits', () => {
    expect(match('tl')).toEqual(['Switch between timeline and table', 'Show or hide the Lint panel'])
    expect(match('und')[0]).toBe('Undo')
  })

  it('drops items a word does not fit', () => {
    expect(match('save zebra')).toEqual([])
  })
})
