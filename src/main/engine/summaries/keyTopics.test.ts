import { describe, expect, it } from 'vitest'
import { keyTopics } from './keyTopics'

describe('keyTopics', () => {
  it('gives clean noun phrases, most frequent first', () => {
    const topics = keyTopics([
      'Please write a literature review on battery chemistry with a table of energy densities.',
      'Also verify the solid-state figures, thanks! What is the weather in Paris?',
      'The battery chemistry of LFP cells differs.',
    ])
    expect(topics).toEqual([
      'battery chemistry',
      'literature review',
      'energy densities',
      'solid-state figures',
      'Paris',
      'LFP cells',
    ])
    for (const topic of topics) {
      expect(topic).not.toMatch(/[.,!?;:]$|^[.,!?;:]/)
      expect(topic).not.toMatch(/^(the|a|an) /i)
    }
  })

  it('leaves out role names, pronouns and stop words', () => {
    const topics = keyTopics(['The user asked the assistant. It said that this is what they want. Thanks!'])
    expect(topics.map((t) => t.toLowerCase())).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(user|assistant|it|this|that|thanks)$/)]),
    )
  })

  it('is empty for no text', () => {
    expect(keyTopics(['', '  '])).toEqual([])
  })
})
