import { describe, expect, it } from 'vitest'
import type { IMemorySession } from '../../../shared/model/langswarm/interfaces'
import { Message } from '../../../shared/model/langswarm/message'
import { InsightsMemoryProvider } from './memoryProvider'
import { LEAKED_OPENAI_KEY } from './testing/testConversations'

const messages = [
  new Message({ role: 'system', content: 'You are a travel agent.' }),
  new Message({ role: 'user', content: `Book Paris for Ada Lovelace. My key: ${LEAKED_OPENAI_KEY}` }),
  new Message({ role: 'assistant', content: 'Booked Paris on March 3, 2024.' }),
]

/** Only what the provider reads of a session. */
const session = { sessionId: 's-1', getMessages: async () => messages } as unknown as IMemorySession

describe('InsightsMemoryProvider (langswarm IMemoryProvider)', () => {
  const provider = new InsightsMemoryProvider()

  it('names itself and what it can do', () => {
    expect(provider.capabilities).toEqual([
      'analyze_conversation',
      'suggest_actions',
      'extract_entities',
      'get_insights',
    ])
  })

  it('analyzes langswarm messages: roles, turns and tokens', async () => {
    const analysis = await provider.analyzeConversation(messages)
    expect(analysis).toMatchObject({
      messageCount: 3,
      roles: { system: { count: 1 }, user: { count: 1, messageIndices: [1] } },
    })
    expect((analysis.turns as unknown[]).length).toBe(2)
  })

  it('suggests redacting the leaked key of a session', async () => {
    const actions = await provider.suggestActions(session)
    expect(actions.map((a) => a.kind)).toEqual(['redact-secrets'])
    expect(JSON.stringify(actions)).not.toContain(LEAKED_OPENAI_KEY)
  })

  it('extracts entities, each with its messages, never the key', async () => {
    const entities = await provider.extractEntities(messages)
    const paris = entities.find((e) => e.kind === 'place' && e.text === 'Paris')
    expect(paris).toMatchObject({ messageIndices: [1, 2] })
    expect(JSON.stringify(entities)).not.toContain(LEAKED_OPENAI_KEY)
  })

  it('gives a session’s insights with the session as their source', async () => {
    const insights = await provider.getInsights(session)
    expect(insights.conversationId).toBe('s-1')
    const secrets = (insights.insights as { insightType: string; sourceRecords: unknown[] }[]).find(
      (i) => i.insightType === 'secrets',
    )
    expect(secrets?.sourceRecords).toEqual([{ conversationId: 's-1', messageIndices: [1] }])
  })
})
