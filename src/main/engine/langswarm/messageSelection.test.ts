import { describe, expect, it } from 'vitest'
import { MessageRole } from '../../../shared/model/langswarm/enums'
import { ValidationError } from '../../../shared/model/langswarm/errors'
import { pageMessages, recentContext, selectMessages, trimMessages, clearMessages } from './messageSelection'
import { assistant, conversation, system, user } from '../../../shared/model/langswarm/testing/testMessages'
import { wordCountEstimator } from '../../../shared/model/langswarm/tokenEstimator'

const ids = (messages: { message_id: string }[]) => messages.map((message) => message.message_id)

describe('selectMessages (get_messages)', () => {
  const messages = conversation(system('rules'), user('a'), assistant('b'), user('c'), assistant('d'))

  it('returns the newest `limit`, oldest first; 0 or null means all', () => {
    expect(ids(selectMessages(messages, { limit: 2 }))).toEqual(['m3', 'm4'])
    expect(ids(selectMessages(messages, { limit: 0 }))).toHaveLength(5)
    expect(ids(selectMessages(messages, { limit: null }))).toHaveLength(5)
    expect(ids(selectMessages(messages, { limit: 99 }))).toHaveLength(5)
  })

  it('filters system messages and applies an inclusive since', () => {
    expect(ids(selectMessages(messages, { includeSystem: false }))).toEqual(['m1', 'm2', 'm3', 'm4'])
    expect(ids(selectMessages(messages, { since: messages[2].timestamp }))).toEqual(['m2', 'm3', 'm4'])
    expect(ids(selectMessages(messages, { since: '2026-11-22T03:00:02.000001+00:00' }))).toEqual(['m3', 'm4'])
    expect(
      ids(selectMessages(messages, { since: '2026-11-22T03:00:02Z', limit: 1, includeSystem: false })),
    ).toEqual(['m4'])
  })

  it('rejects a negative limit instead of slicing from the front like Python', () => {
    expect(() => selectMessages(messages, { limit: -1 })).toThrow(ValidationError)
  })

  it('returns a copy', () => {
    const result = selectMessages(messages)
    result.pop()
    expect(messages).toHaveLength(5)
  })
})

describe('pageMessages', () => {
  const messages = conversation(...Array.from({ length: 25 }, (_, index) => user(`message ${index}`)))

  it('pages from the oldest with the filtered total', () => {
    const page = pageMessages(messages, { offset: 20, limit: 10 })
    expect(ids(page.messages)).toEqual(['m20', 'm21', 'm22', 'm23', 'm24'])
    expect(page.total).toBe(25)
    expect(pageMessages(messages, { offset: 30, limit: 10 }).messages).toEqual([])
  })

  it('pages from the newest when asked', () => {
    expect(ids(pageMessages(messages, { offset: 0, limit: 3, newestFirst: true }).messages)).toEqual([
      'm24',
      'm23',
      'm22',
    ])
    expect(ids(pageMessages(messages, { offset: 23, limit: 5, newestFirst: true }).messages)).toEqual([
      'm1',
      'm0',
    ])
  })

  it('counts the total after since', () => {
    const page = pageMessages(messages, { since: messages[20].timestamp, limit: 2 })
    expect(page.total).toBe(5)
    expect(ids(page.messages)).toEqual(['m20', 'm21'])
  })
})

describe('recentContext (get_recent_context)', () => {
  const eightWords = 'one two three four five six seven eight'

  it('matches the probed Python results for eight-word messages', () => {
    const messages = conversation(user(eightWords), assistant(eightWords), user(eightWords))
    expect(recentContext(messages, 10, wordCountEstimator)).toHaveLength(1)
    expect(ids(recentContext(messages, 20, wordCountEstimator))).toEqual(['m1', 'm2'])
  })

  it('stops at the first message that does not fit', () => {
    const messages = conversation(user('tiny'), assistant(eightWords), user('two words'))
    expect(ids(recentContext(messages, 5, wordCountEstimator))).toEqual(['m2'])
  })

  it('without a budget returns the last ten, system included', () => {
    const messages = conversation(system('rules'), ...Array.from({ length: 12 }, () => user('x')))
    expect(recentContext(messages, null, wordCountEstimator)).toHaveLength(10)
    expect(recentContext(messages, 0, wordCountEstimator)).toHaveLength(10)
    const short = conversation(system('rules'), user('x'))
    expect(recentContext(short, undefined, wordCountEstimator)[0].role).toBe(MessageRole.SYSTEM)
  })

  it('uses the pluggable estimator', () => {
    const messages = conversation(user('abcdefgh'), user('abcd'))
    const chars = { id: 'chars', count: (text: string) => text.length }
    expect(ids(recentContext(messages, 10, chars))).toEqual(['m1'])
  })
})

describe('trimMessages and clearMessages', () => {
  it('keeps every system message, moved to the front, then the newest others', () => {
    const messages = conversation(
      user('u0'),
      system('s1'),
      user('u2'),
      assistant('a3'),
      system('s4'),
      user('u5'),
    )
    expect(ids(trimMessages(messages, 4))).toEqual(['m1', 'm4', 'm3', 'm5'])
  })

  it('exceeds the limit when system messages alone exceed it', () => {
    const messages = conversation(system('a'), system('b'), system('c'), user('d'))
    expect(ids(trimMessages(messages, 2))).toEqual(['m0', 'm1', 'm2'])
  })

  it('clears all or keeps system messages', () => {
    const messages = conversation(system('a'), user('b'))
    expect(ids(clearMessages(messages, true))).toEqual(['m0'])
    expect(clearMessages(messages, false)).toEqual([])
  })
})
