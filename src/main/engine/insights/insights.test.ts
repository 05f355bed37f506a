import { describe, expect, it } from 'vitest'
import { DefaultTokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import { extractEntities } from './entities'
import { conversationInsights, getInsights } from './insights'
import {
  failingToolConversation,
  fixtureMessages,
  handoffConversation,
  leakedKeyConversation,
  loopConversation,
  orphanConversation,
} from './testing/testConversations'

const actionsOf = (messages: unknown[], options = {}) =>
  conversationInsights({ id: 'c', messages }, options).actions.map((a) => [
    a.kind,
    a.title,
    a.messageIndices,
    a.run.type,
  ])

describe('suggested actions', () => {
  it('compact: the share of the threshold, with a compaction preview', () => {
    const messages = fixtureMessages('03_tool_calls.json')
    const total = new DefaultTokenCounter().countMessages(messages).total
    const threshold = Math.round(total / 0.82)
    const [action] = conversationInsights({ id: 'c', messages, thresholdTokens: threshold }).actions
    expect(action).toMatchObject({
      id: 'compact:0',
      kind: 'compact',
      severity: 'medium',
      title: 'compact: 82% of the threshold used',
      run: { type: 'compaction-preview', thresholdTokens: threshold, totalTokens: total },
    })
    expect(conversationInsights({ id: 'c', messages }).actions).toEqual([])
    expect(
      conversationInsights({ id: 'c', messages, memoryType: 'kg', thresholdTokens: 10 }).actions,
    ).toEqual([])
  })

  it('orphan tool results: deleted in one edit', () => {
    expect(actionsOf(orphanConversation())).toEqual([
      ['remove-orphan-results', '3 orphan tool results', [2, 3, 5], 'delete-messages'],
    ])
  })

  it('a tool failing five times in a row', () => {
    expect(actionsOf(failingToolConversation())).toEqual([
      [
        'review-failing-tool',
        'tool read_file failed 5 times in a row',
        [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        'show-messages',
      ],
    ])
  })

  it('a leaked key: one redaction edit for both messages', () => {
    const { actions, secrets } = conversationInsights({ id: 'c', messages: leakedKeyConversation() })
    expect(actions).toHaveLength(1)
    expect(actions[0]).toMatchObject({
      kind: 'redact-secrets',
      severity: 'high',
      title: 'secret-looking strings in 2 messages (API keys, tokens, passwords)',
      messageIndices: [1, 2],
      run: { type: 'redact', edits: secrets.edits },
    })
  })

  it('a loop, and unanswered calls with the calls to remove', () => {
    expect(actionsOf(loopConversation())).toEqual([
      ['break-tool-loop', 'web_search called 4 times with the same arguments', [2, 4, 6, 8], 'show-messages'],
    ])
    const { actions } = conversationInsights({ id: 'c', messages: handoffConversation() })
    expect(actions.map((a) => a.kind)).toEqual(['resolve-unanswered-calls', 'review-handoff-problems'])
    expect(actions[0].run).toEqual({
      type: 'remove-tool-calls',
      calls: [{ messageIndex: 5, callId: 'call_h3', position: 0 }],
    })
  })
})

describe('insights', () => {
  it('one conversation: MemoryInsight-shaped records with their source messages', () => {
    const { insights } = conversationInsights({ id: 'fail', messages: failingToolConversation() })
    const failures = insights.find((i) => i.insightType === 'tool-failures')
    expect(failures).toMatchObject({
      insightId: 'fail:tool-failures',
      description: 'read_file: 5 of 5 failed',
      data: { byTool: { read_file: 5 } },
      sourceRecords: [{ conversationId: 'fail', messageIndices: [3, 5, 7, 9, 11] }],
      timeRange: null,
    })
    expect(insights.find((i) => i.insightType === 'role-distribution')?.data).toEqual({
      distribution: { system: 1, user: 1, assistant: 7, tool: 6 },
    })
  })

  it('a store: per conversation, and each type across the store', () => {
    const store = getInsights([
      { id: 'loop', messages: loopConversation() },
      { id: 'leak', messages: leakedKeyConversation() },
      { id: 'leak2', messages: leakedKeyConversation().slice(0, 2) },
    ])
    expect(store.conversations.map((c) => c.conversationId)).toEqual(['loop', 'leak', 'leak2'])
    const secrets = store.insights.find((i) => i.insightType === 'secrets')
    expect(secrets).toMatchObject({
      insightId: 'store:secrets',
      description: '2 of 3 conversations',
      sourceRecords: [
        { conversationId: 'leak', messageIndices: [1, 2] },
        { conversationId: 'leak2', messageIndices: [1] },
      ],
    })
    expect(store.insights[0].insightType).toBe('secrets')
    expect(store.insights.find((i) => i.insightType === 'tool-loops')?.sourceRecords).toEqual([
      { conversationId: 'loop', messageIndices: [2, 4, 6, 8] },
    ])
  })
})

describe('huge messages', () => {
  it('a 10 MB tool output and 10 MB of arguments: every part finishes and the key at the end is found', () => {
    const key = 'sk-proj-Abc123Def456Ghi789Jkl012Mno345'
    const huge = `Error: too large\n${'eyJ/a/b:c@ Error '.repeat(600_000)} ${key}`
    const messages = [
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'c1',
            type: 'function',
            function: { name: 'dump', arguments: JSON.stringify({ data: huge }) },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', name: 'dump', content: huge },
    ]
    const { secrets, actions, analysis } = conversationInsights({ id: 'big', messages })
    expect(secrets.findings.map((f) => f.jsonPath)).toEqual([
      '$.messages[1].tool_calls[0].function.arguments',
      '$.messages[2].content',
    ])
    expect(actions[0].kind).toBe('redact-secrets')
    expect(analysis.tools.failures).toMatchObject([{ tool: 'dump', resultIndex: 2 }])
    const entities = extractEntities(messages)
    expect(entities.nlp.charsSkipped).toBeGreaterThan(20_000_000)
    expect(JSON.stringify(entities)).not.toContain(key)
  })
})
