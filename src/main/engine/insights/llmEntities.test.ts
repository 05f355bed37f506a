import { describe, expect, it } from 'vitest'
import { extractEntities } from './entities'
import {
  extractEntitiesWithLlm,
  mergeEntities,
  parseLlmEntities,
  llmEntityRequest,
  LlmEntityError,
  type EntityLlmRequest,
} from './llmEntities'
import { LEAKED_OPENAI_KEY, leakedKeyConversation } from './testing/testConversations'

describe('LLM entity extraction', () => {
  it('sends numbered, redacted text and reads the reply into the same buckets', async () => {
    const sent: EntityLlmRequest[] = []
    const llm = async (request: EntityLlmRequest) => {
      sent.push(request)
      return '```json\n{"entities": [{"kind": "person", "text": "Ada", "messages": [1, 4, 99]}, {"kind": "planet", "text": "Mars"}, {"kind": "topic", "text": "deployment", "messages": [0]}]}\n```'
    }
    const result = await extractEntitiesWithLlm(leakedKeyConversation(), llm)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ jsonMode: true, temperature: 0 })
    const body = sent[0].messages[1].content
    expect(body).toContain('[#1] user: My key is [REDACTED:openai-key], please set it up.')
    expect(body).not.toContain(LEAKED_OPENAI_KEY)
    expect(result.people).toEqual([
      { kind: 'person', text: 'Ada', key: 'ada', occurrences: 2, messageIndices: [1, 4], source: 'llm' },
    ])
    expect(result.topics.map((t) => t.text)).toEqual(['deployment'])
    expect(result.places).toEqual([])
  })

  it('bounds what it sends', () => {
    const long = [{ role: 'user', content: 'x'.repeat(50_000) }]
    expect(llmEntityRequest(long, 1000).messages[1].content.length).toBeLessThan(1100)
  })

  it('a reply it cannot read is a clear error', async () => {
    await expect(extractEntitiesWithLlm([], async () => 'no idea')).rejects.toThrow(
      new LlmEntityError('the LLM reply holds no JSON object'),
    )
    await expect(extractEntitiesWithLlm([], async () => '{"items": []}')).rejects.toThrow(
      'no "entities" list',
    )
  })

  it('merges into the offline entities: known ones gain messages, new ones come as llm', () => {
    const messages = [
      { role: 'user', content: 'Deploy https://example.com/app for Ada.' },
      { role: 'assistant', content: 'Done.' },
    ]
    const offline = extractEntities(messages)
    const url = offline.urls[0]
    const found = parseLlmEntities(
      JSON.stringify({
        entities: [
          { kind: 'url', text: url.text, messages: [1] },
          { kind: 'organization', text: 'Example Inc', messages: [0] },
        ],
      }),
      messages.length,
    )
    const merged = mergeEntities(offline, found)
    expect(merged.urls).toEqual([{ ...url, messageIndices: [0, 1], occurrences: 2 }])
    expect(merged.organizations.at(-1)).toMatchObject({ text: 'Example Inc', source: 'llm' })
    expect(merged.nlp).toEqual(offline.nlp)
    // The offline result is not changed.
    expect(offline.urls[0].messageIndices).toEqual([0])
  })
})
