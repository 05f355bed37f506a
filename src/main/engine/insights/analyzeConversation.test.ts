import { describe, expect, it } from 'vitest'
import { DefaultTokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import { analyzeConversation } from './analyzeConversation'
import {
  failingToolConversation,
  fixtureMessages,
  handoffConversation,
  langswarmConversation,
  loopConversation,
  orphanConversation,
} from './testing/testConversations'

describe('analyzeConversation on MARSYS fixtures', () => {
  it('03: pairs every parallel call with its result and counts tokens as MARSYS does', () => {
    const messages = fixtureMessages('03_tool_calls.json')
    const analysis = analyzeConversation(messages)
    expect(analysis.tools.totalCalls).toBe(4)
    expect(analysis.tools.answeredCalls).toBe(4)
    expect(analysis.tools.unanswered).toEqual([])
    expect(analysis.tools.orphanResults).toEqual([])
    expect(analysis.tools.byTool.map((t) => [t.tool, t.calls, t.callIndices])).toEqual([
      ['get_weather', 2, [2, 2]],
      ['c_to_f', 1, [5]],
      ['screenshot', 1, [7]],
    ])
    expect(analysis.tools.failures).toEqual([])
    expect(analysis.roles.tool).toEqual({ count: 4, messageIndices: [3, 4, 6, 8] })
    const marsys = new DefaultTokenCounter().countMessages(messages)
    expect(analysis.tokens.total).toBe(marsys.total)
    expect(analysis.tokens.perMessage).toEqual(marsys.perMessage)
    expect(analysis.tokens.thresholdTokens).toBe(150_000)
    // The system prompt, then one turn: MARSYS's tool-payload user message (#9) opens none.
    expect(analysis.turns.map((t) => [t.startIndex, t.endIndex, t.userIndex])).toEqual([
      [0, 0, null],
      [1, 10, 1],
    ])
    expect(analysis.turns[1].cumulativeTokens).toBe(marsys.total)
    expect(analysis.time).toBeNull()
  })

  it('16 (tool_call_id lost on reload): four orphans and four unanswered calls', () => {
    const analysis = analyzeConversation(fixtureMessages('16_resaved_03_after_load.json'))
    expect(analysis.tools.orphanResults).toEqual(
      [3, 4, 6, 8].map((messageIndex) => ({ messageIndex, toolCallId: null, reason: 'no-tool-call-id' })),
    )
    expect(analysis.tools.unanswered.map((c) => [c.callId, c.messageIndex, c.position])).toEqual([
      ['call_wx_paris', 2, 0],
      ['call_wx_berlin', 2, 1],
      ['call_conv_1', 5, 0],
      ['call_shot', 7, 0],
    ])
  })

  it('12 (20,000 messages): figures stay consistent', () => {
    const messages = fixtureMessages('12_large_20000.json')
    const analysis = analyzeConversation(messages, { thresholdTokens: 100_000 })
    expect(analysis.messageCount).toBe(20_001)
    expect(analysis.tools.answeredCalls + analysis.tools.unanswered.length).toBe(analysis.tools.totalCalls)
    expect(analysis.tokens.total).toBe(new DefaultTokenCounter().countMessages(messages).total)
    expect(analysis.tokens.overThresholdAt).not.toBeNull()
    const last = analysis.turns[analysis.turns.length - 1]
    expect(last.endIndex).toBe(20_000)
    expect(last.cumulativeTokens).toBe(analysis.tokens.total)
  })
})

describe('analyzeConversation on written conversations', () => {
  it('a loop: the same search four times in a row, whatever the key order', () => {
    const { tools } = analyzeConversation(loopConversation())
    expect(tools.loops).toEqual([
      {
        tool: 'web_search',
        arguments: '{"limit":5,"query":"MARSYS 0.3 release"}',
        count: 4,
        longestRun: 4,
        callIndices: [2, 4, 6, 8],
      },
    ])
  })

  it('a failing tool: five failures in a row, each recognised by its own rule', () => {
    const { tools } = analyzeConversation(failingToolConversation())
    expect(tools.failures.map((f) => [f.tool, f.resultIndex, f.rule])).toEqual([
      ['read_file', 3, 'error-prefix'],
      ['read_file', 5, 'traceback'],
      ['read_file', 7, 'json-error-field'],
      ['read_file', 9, 'json-success-false'],
      ['read_file', 11, 'exception'],
    ])
    const readFile = tools.byTool.find((t) => t.tool === 'read_file')
    expect(readFile?.longestFailureStreak).toEqual({
      tool: 'read_file',
      length: 5,
      resultIndices: [3, 5, 7, 9, 11],
      callIndices: [2, 4, 6, 8, 10],
    })
    expect(tools.byTool.find((t) => t.tool === 'list_dir')?.failures).toBe(0)
  })

  it('hand-offs: parallel and sequential invoke_agent calls, and one MARSYS cannot read', () => {
    const { handoffs, tools } = analyzeConversation(handoffConversation())
    expect(
      handoffs.handoffs.map((h) => [h.messageIndex, h.from, h.to, h.parallelWith, h.resultIndex]),
    ).toEqual([
      [1, 'Planner', 'Researcher', ['Analyst'], 2],
      [1, 'Planner', 'Analyst', ['Researcher'], 2],
      [3, 'Planner', 'Writer', [], 4],
    ])
    expect(handoffs.handoffs[0].request).toBe('Collect 2025 installation figures for Spain.')
    expect(handoffs.problems).toEqual([
      { messageIndex: 5, callId: 'call_h3', problem: 'invoke_agent arguments have no "invocations" list' },
    ])
    expect(handoffs.agents.find((a) => a.agent === 'Writer')).toEqual({
      agent: 'Writer',
      messageIndices: [],
      invokedAt: [3],
    })
    expect(tools.byTool[0]).toMatchObject({ tool: 'invoke_agent', coordination: true })
    expect(tools.loops).toEqual([])
    expect(handoffs.delegations).toEqual([
      { from: 'Planner', to: 'Researcher', count: 1, messageIndices: [1] },
      { from: 'Planner', to: 'Analyst', count: 1, messageIndices: [1] },
      { from: 'Planner', to: 'Writer', count: 1, messageIndices: [3] },
    ])
  })

  it('counts delegations per pair; a call with one bad invocation hands nothing off', () => {
    const invoke = (id: string, invocations: unknown[]) => ({
      id,
      type: 'function',
      function: { name: 'invoke_agent', arguments: JSON.stringify({ invocations }) },
    })
    const { handoffs } = analyzeConversation([
      { role: 'assistant', name: 'Boss', content: null, tool_calls: [invoke('a', [{ agent_name: 'W' }])] },
      { role: 'assistant', name: 'Boss', content: null, tool_calls: [invoke('b', [{ agent_name: 'W' }])] },
      { role: 'assistant', content: null, tool_calls: [invoke('c', [{ agent_name: 'W' }, 'x'])] },
      { role: 'assistant', content: null, agent_calls: [{ request: 'r' }] },
    ])
    expect(handoffs.delegations).toEqual([{ from: 'Boss', to: 'W', count: 2, messageIndices: [0, 1] }])
    expect(handoffs.problems).toEqual([
      { messageIndex: 2, callId: 'c', problem: 'invocations[1] is not an object' },
      { messageIndex: 3, callId: null, problem: 'agent_calls[0] has no agent_name' },
    ])
  })

  it('legacy agent_calls count as hand-offs too', () => {
    const { handoffs } = analyzeConversation([
      {
        role: 'assistant',
        name: 'Boss',
        content: 'go',
        agent_calls: [{ agent_name: 'Helper', request: { task: 1 } }],
      },
    ])
    expect(handoffs.handoffs).toMatchObject([
      { from: 'Boss', to: 'Helper', request: '{"task":1}', source: 'agent_calls' },
    ])
  })

  it('orphan results: unknown id, no id, answered twice', () => {
    const { tools } = analyzeConversation(orphanConversation())
    expect(tools.orphanResults).toEqual([
      { messageIndex: 2, toolCallId: 'call_zzz', reason: 'unknown-tool-call-id' },
      { messageIndex: 3, toolCallId: null, reason: 'no-tool-call-id' },
      { messageIndex: 5, toolCallId: 'call_t', reason: 'already-answered' },
    ])
  })

  it('langswarm messages: metadata tool_call_id and is_error, refusals, errors, time gaps', () => {
    const analysis = analyzeConversation(langswarmConversation(), { minGapSeconds: 3600 })
    expect(analysis.tools.failures).toMatchObject([
      { tool: 'book_flight', resultIndex: 2, rule: 'is-error-flag' },
    ])
    expect(analysis.contentIssues).toEqual([
      {
        kind: 'refusal',
        messageIndex: 3,
        role: 'assistant',
        rule: 'cannot-help',
        excerpt: "I'm sorry, but I can't help with payments.",
      },
      {
        kind: 'error',
        messageIndex: 4,
        role: 'user',
        rule: 'rate-limit',
        excerpt: 'Rate limit exceeded, retry later',
      },
    ])
    expect(analysis.time).toEqual({
      timestampedMessages: 5,
      first: { messageIndex: 0, iso: '2026-03-01T10:00:00.000Z' },
      last: { messageIndex: 4, iso: '2026-03-01T11:59:00.000Z' },
      spanSeconds: 7140,
      medianGapSeconds: 4.5,
      longGaps: [{ fromIndex: 2, toIndex: 3, seconds: 7200 }],
      outOfOrder: [{ fromIndex: 3, toIndex: 4, seconds: -69 }],
    })
  })

  it('entries that are not objects are kept in place and counted as nothing', () => {
    const analysis = analyzeConversation(['junk', { role: 'user', content: 'hi' }, null])
    expect(analysis.nonObjectIndices).toEqual([0, 2])
    expect(analysis.tokens.perMessage).toEqual([0, 3, 0])
    expect(analysis.roles['(not an object)'].messageIndices).toEqual([0, 2])
  })

  it('excerpts never show a secret', () => {
    const analysis = analyzeConversation([
      { role: 'assistant', content: 'Error: auth failed for key sk-proj-Abc123Def456Ghi789Jkl012Mno345' },
    ])
    expect(analysis.contentIssues[0].excerpt).toBe('Error: auth failed for key [REDACTED:openai-key]')
  })
})
