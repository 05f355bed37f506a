import { describe, expect, it } from 'vitest'
import { extractEntities } from './entities'
import { LEAKED_OPENAI_KEY, fixtureMessages, handoffConversation } from './testing/testConversations'

const texts = (list: { text: string; messageIndices: number[] }[]) =>
  list.map((e) => [e.text, e.messageIndices])

describe('extractEntities', () => {
  it('03: the cities, from the user message, the tool-call arguments and the answer', () => {
    const entities = extractEntities(fixtureMessages('03_tool_calls.json'))
    expect(texts(entities.places)).toEqual([
      ['Paris', [1, 2, 10]],
      ['Berlin', [1, 2, 10]],
    ])
    expect(entities.places[0]).toMatchObject({ kind: 'place', key: 'paris', source: 'nlp', occurrences: 3 })
    expect(texts(entities.ids)).toEqual([['call_shot', [9]]])
    expect(entities.nlp).toEqual({
      charsRead: 377,
      charsSkipped: 0,
      messagesRead: 9,
      firstSkippedIndex: null,
    })
  })

  it('a date both the patterns and the language model recognise is counted once per mention', () => {
    const entities = extractEntities([{ role: 'user', content: 'Deploy on 2024-03-01, please.' }])
    expect(entities.dates.filter((d) => d.text === '2024-03-01')).toMatchObject([
      { occurrences: 1, messageIndices: [0], source: 'pattern' },
    ])
  })

  it('people, organisations, places, dates, URLs, paths and ids, each with its messages', () => {
    const entities = extractEntities([
      { role: 'user', content: 'Angela Merkel met engineers from Google in Berlin on March 3, 2024.' },
      {
        role: 'assistant',
        content:
          'See https://example.com/docs/a.html, then edit src/main/index.ts and /etc/app/config.yaml ' +
          '(run 123e4567-e89b-12d3-a456-426614174000, commit 9fceb02d0ae598e95dc970b74767f19372d61af8) by 2026-03-01T10:00:00Z.',
      },
      { role: 'user', content: 'Did Angela Merkel reply? Check C:\\Users\\me\\notes.txt' },
    ])
    expect(texts(entities.people)).toEqual([['Angela Merkel', [0, 2]]])
    expect(texts(entities.organizations)).toEqual([['Google', [0]]])
    expect(texts(entities.places)).toEqual([['Berlin', [0]]])
    expect(entities.dates.map((d) => d.text)).toEqual(
      expect.arrayContaining(['March 3, 2024', '2026-03-01T10:00:00Z']),
    )
    expect(texts(entities.urls)).toEqual([['https://example.com/docs/a.html', [1]]])
    expect(texts(entities.filePaths)).toEqual([
      ['/etc/app/config.yaml', [1]],
      ['src/main/index.ts', [1]],
      ['C:\\Users\\me\\notes.txt', [2]],
    ])
    expect(texts(entities.ids)).toEqual([
      ['123e4567-e89b-12d3-a456-426614174000', [1]],
      ['9fceb02d0ae598e95dc970b74767f19372d61af8', [1]],
    ])
  })

  it('topics: the noun phrases most messages share, first', () => {
    const { topics } = extractEntities(handoffConversation())
    expect(texts(topics.slice(0, 2))).toEqual([
      ['report', [0, 3]],
      ['Control', [2, 4]],
    ])
  })

  it('never returns a secret, and is deterministic', () => {
    const messages = [
      {
        role: 'user',
        content: `Use ${LEAKED_OPENAI_KEY} at https://api.example.com/v1?key=${LEAKED_OPENAI_KEY}`,
      },
    ]
    const first = extractEntities(messages)
    expect(JSON.stringify(first)).not.toContain(LEAKED_OPENAI_KEY)
    expect(extractEntities(messages)).toEqual(first)
  })

  it('reads at most the budget with the language model, and says where it stopped', () => {
    const messages = Array.from({ length: 10 }, (_, i) => ({
      role: 'user',
      content: `Message ${i} mentions Paris. `.repeat(20),
    }))
    const { nlp, places } = extractEntities(messages, { nlpCharBudget: 1000, nlpCharsPerMessage: 400 })
    expect(nlp.charsRead).toBe(1000)
    expect(nlp.messagesRead).toBe(3)
    expect(nlp.firstSkippedIndex).toBe(0)
    expect(places[0].messageIndices).toEqual([0, 1, 2])
  })
})
