import { describe, expect, it } from 'vitest'
import {
  extractEntitiesWithLlm,
  llmEntityRequest,
  LlmEntityError,
  type EntityLlmRequest,
} from './llmEntities'
import { LEAKED_OPENAI_KEY, leakedKeyConversation } from './testConversations'

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
})
