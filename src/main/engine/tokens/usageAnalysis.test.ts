import { beforeAll, describe, expect, it } from 'vitest'
import type { TokenEstimator } from '../../../shared/model/langswarm'
import { ManagedMemoryConfig } from '../marsys/memory/managedConfig'
import { createTokenizerEstimator } from '../langswarm/tokenizerEstimator'
import { REPLY_PRIMING_TOKENS } from './chatTokenRule'
import { contextBudget } from './contextBudget'
import { countMessageTokens, type BpeEncoding, type MessageTokens } from './messageTokens'
import { buildModelTable, findModel, type ModelInfo } from './modelTable'
import { sumTokens } from './tokenService'
import {
  breakdownByKind,
  breakdownByRole,
  conversationCost,
  crossingIndex,
  cumulativeSeries,
  messageCost,
  topMessages,
} from './usageAnalysis'

const CONVERSATION = [
  { role: 'system', content: 'You are a careful research agent. '.repeat(20) },
  { role: 'user', content: 'Find the weather in Paris and Tokyo.' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city": "Paris"}' } },
    ],
  },
  {
    role: 'tool',
    tool_call_id: 'c1',
    content: JSON.stringify({ temp: 21, sky: 'clear', detail: 'x'.repeat(400) }),
  },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'And this chart?' },
      { type: 'image_url', image_url: { url: 'https://example.com/c.png', detail: 'low' } },
    ],
  },
  { role: 'assistant', content: 'Paris is clear at 21°C; the chart shows a rising trend.' },
]

let messages: MessageTokens[]
let gpt4o: ModelInfo
beforeAll(async () => {
  const encoders = new Map<BpeEncoding, TokenEstimator>([
    ['o200k_base', await createTokenizerEstimator('o200k_base')],
  ])
  messages = CONVERSATION.map((m) => countMessageTokens(m, encoders))
  gpt4o = findModel(buildModelTable(), 'gpt-4o') as ModelInfo
})

describe('usage analysis', () => {
  it('builds cumulative series and finds where a limit is crossed', () => {
    const series = cumulativeSeries(messages, 'o200k_base')
    expect(series.length).toBe(messages.length)
    expect(series.at(-1)).toBe(sumTokens(messages, ['o200k_base']).o200k_base!.total - REPLY_PRIMING_TOKENS)
    for (let i = 1; i < series.length; i++) expect(series[i]).toBeGreaterThanOrEqual(series[i - 1])
    expect(crossingIndex(series, series[2])).toBe(3)
    expect(crossingIndex(series, Infinity)).toBe(-1)
  })

  it('ranks the largest messages first', () => {
    // MARSYS counts an image 800 tokens: the message with the chart outweighs the long system prompt.
    const top = topMessages(messages, 'marsys', 2)
    expect(top.map((t) => t.index)).toEqual([4, 0])
    expect(top[0]).toEqual({ index: 4, role: 'user', tokens: messages[4].marsys })
    expect(messages[4].marsys).toBeGreaterThan(800)
    expect(topMessages(messages, 'marsys', 0)).toEqual([])
  })

  it('breaks tokens down by role and by kind', () => {
    const byRole = breakdownByRole(messages, 'o200k_base')
    expect(byRole.assistant.messages).toBe(2)
    expect(byRole.tool.tokens).toBe(messages[3].o200k_base!.total)
    const byKind = breakdownByKind(messages, 'o200k_base')
    expect(byKind.images).toBe(85)
    expect(byKind.toolResults).toBe(messages[3].o200k_base!.toolResults)
    expect(byKind.toolCalls).toBeGreaterThan(0)
    expect(byKind.text + byKind.toolResults + byKind.toolCalls + byKind.images + byKind.overhead).toBe(
      byKind.total,
    )
    expect(() => breakdownByKind(messages, 'cl100k_base')).toThrow(/cl100k_base was not counted/)
  })

  it('prices messages and conversations with the model table', () => {
    const last = messages[5]
    const cost = messageCost(last, gpt4o)
    expect(cost.input).toBeCloseTo((last.o200k_base!.total * gpt4o.inputPerMillion) / 1e6, 12)
    expect(cost.output).toBeCloseTo((last.o200k_base!.total * gpt4o.outputPerMillion) / 1e6, 12)
    expect(messageCost(messages[1], gpt4o).output).toBe(0)
    const whole = conversationCost(messages, gpt4o, REPLY_PRIMING_TOKENS)
    expect(whole.promptTokens).toBe(sumTokens(messages, ['o200k_base']).o200k_base!.total)
    expect(whole.generatedTokens).toBe(messages[2].o200k_base!.total + messages[5].o200k_base!.total)
    expect(whole.pricesAsOf).toBe(gpt4o.pricesAsOf)
  })
})

describe('the context budget', () => {
  it('splits the window into system prompt, tool calls, messages and images', () => {
    const budget = contextBudget(messages, gpt4o)
    expect(budget.segments.systemPrompt).toBe(messages[0].o200k_base!.total)
    expect(budget.segments.images).toBe(85)
    expect(budget.segments.toolCalls).toBe(
      messages[2].o200k_base!.toolCalls + messages[3].o200k_base!.toolResults,
    )
    expect(budget.used).toBe(sumTokens(messages, ['o200k_base']).o200k_base!.total)
    expect(budget.remaining).toBe(128_000 - budget.used)
    expect(budget.overWindow).toBe(false)
    expect(budget.marsys).toMatchObject({
      thresholdTokens: 150_000,
      compactionTargetTokens: 90_000,
      wouldCompact: false,
    })
  })

  it('says MARSYS would compact when its total is strictly over the threshold', () => {
    const total = messages.reduce((s, m) => s + (m.marsys ?? 0), 0)
    const at = (threshold: number, extra = {}) =>
      contextBudget(messages, gpt4o, {
        managedConfig: new ManagedMemoryConfig({ threshold_tokens: threshold, ...extra }),
      }).marsys.wouldCompact
    expect(at(total)).toBe(false)
    expect(at(total - 1)).toBe(true)
    expect(at(total - 1, { active_context: { mode: 'sliding_window' } })).toBe(false)
    expect(at(total - 1, { active_context: { enabled: false } })).toBe(false)
  })

  it('adds tool definitions the caller knows of and flags a conversation over the window', () => {
    const tiny = { ...gpt4o, contextWindow: 100 }
    const budget = contextBudget(messages, tiny, { toolDefinitionTokens: 50 })
    expect(budget.segments.toolDefinitions).toBe(50)
    expect(budget.overWindow).toBe(true)
    expect(budget.remaining).toBeLessThan(0)
  })
})
