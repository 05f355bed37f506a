import { describe, expect, it } from 'vitest'
import { extractiveSummarizer } from './langswarmTemplateSummary'
import { assistant, conversation, user } from '../../../shared/model/langswarm/testing/testMessages'
import {
  messageTokenCost,
  splitPythonWords,
  wordCountEstimator,
} from '../../../shared/model/langswarm/tokenEstimator'
import { Message } from '../../../shared/model/langswarm/message'

describe('extractiveSummarizer (spec §5.5)', () => {
  it('needs five messages with at least one user and one assistant message', async () => {
    expect(
      await extractiveSummarizer(conversation(user('a'), assistant('b'), user('c'), assistant('d'))),
    ).toBeNull()
    const userOnly = conversation(...Array.from({ length: 6 }, () => user('hello there')))
    expect(await extractiveSummarizer(userOnly)).toBeNull()
  })

  it('counts roles in the template sentence and keeps punctuation on topics', async () => {
    const draft = await extractiveSummarizer(
      conversation(
        user('hello, world!'),
        assistant('Hello world.'),
        user('delta. delta. hello,'),
        assistant('world! again'),
        user('bye'),
      ),
    )
    expect(draft?.summary).toBe('Conversation with 3 user messages and 2 assistant responses.')
    // frequencies: hello, 2 / world! 2 / delta. 2 / hello 1 / world. 1 / again 1 (≤4 chars dropped: bye)
    expect(draft?.key_topics).toEqual(['hello,', 'world!', 'delta.', 'hello', 'world.'])
  })

  it('ranks by frequency with ties in first-seen order and keeps five', async () => {
    const draft = await extractiveSummarizer(
      conversation(
        user('zebra apple mango'),
        assistant('mango grape lemon'),
        user('melon mango'),
        assistant('grape'),
        user('peach'),
      ),
    )
    expect(draft?.key_topics).toEqual(['mango', 'grape', 'zebra', 'apple', 'lemon'])
  })

  it('measures length in code points, as Python does', async () => {
    // "😀😀😀😀" is 4 code points (8 UTF-16 units): too short to be a topic.
    const draft = await extractiveSummarizer(
      conversation(user('😀😀😀😀 café!'), assistant('x'), user('y'), assistant('z'), user('w')),
    )
    expect(draft?.key_topics).toEqual(['café!'])
  })
})

describe('word-count token estimate', () => {
  it('splits on Python whitespace, not JS \\s', () => {
    expect(splitPythonWords('  a\tb\nc\u3000d\x1ce  ')).toEqual(['a', 'b', 'c', 'd', 'e'])
    // U+FEFF is whitespace to JS but not to Python's str.split()
    expect(splitPythonWords('a\ufeffb')).toEqual(['a\ufeffb'])
    expect(wordCountEstimator.count('')).toBe(0)
  })

  it('prefers a truthy stored token_count', () => {
    const [message] = conversation(user('one two three'))
    expect(messageTokenCost(message, wordCountEstimator)).toBe(3)
    expect(messageTokenCost(message.with({ token_count: 42 }), wordCountEstimator)).toBe(42)
    expect(messageTokenCost(message.with({ token_count: 0 }), wordCountEstimator)).toBe(3)
    expect(message).toBeInstanceOf(Message)
  })
})
