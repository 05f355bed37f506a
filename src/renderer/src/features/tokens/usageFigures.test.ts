import { describe, expect, it } from 'vitest'
import type { TokenUsage } from '../../../../shared/domains/tokens/contract'
import { largestFirst, largestIndex, runningTotals, usageCsv, usageSummary } from './usageFigures'

const kinds = { text: 20, toolResults: 5, toolCalls: 0, images: 0, overhead: 12, total: 40 }

function usage(thresholdCrossing: number): TokenUsage {
  const model = {
    id: 'gpt-4o',
    contextWindow: 128_000,
    encoding: 'o200k_base' as const,
    inputPerMillion: 2.5,
    outputPerMillion: 10,
    pricesAsOf: '2026-12-01',
    overridden: false,
  }
  return {
    revision: 3,
    model,
    messages: {
      ids: [11, 12, 13],
      roles: ['user', 'tool', 'assistant'],
      marsys: [5, 30, 30],
      bpe: [8, 21, 8],
      toolResult: [false, true, false],
      costInput: [0.00002, 0.0000525, 0.00002],
      costOutput: [0, 0, 0.00008],
    },
    totals: { marsys: 65, langswarm: 9, bpe: kinds },
    byRole: {},
    byKind: kinds,
    thresholdCrossing,
    budget: {
      model: 'gpt-4o',
      encoding: 'o200k_base',
      contextWindow: 128_000,
      segments: { systemPrompt: 0, toolDefinitions: 0, toolCalls: 21, messages: 19, images: 0 },
      used: 40,
      remaining: 127_960,
      usedFraction: 40 / 128_000,
      overWindow: false,
      marsys: { total: 65, thresholdTokens: 150_000, compactionTargetTokens: 90_000, wouldCompact: false },
    },
    cost: {
      prompt: 0.0001,
      generated: 0.00008,
      promptTokens: 40,
      generatedTokens: 8,
      pricesAsOf: '2026-12-01',
    },
    counted: 3,
  }
}

describe('usage figures', () => {
  it('runs totals and ranks messages, earlier first on ties', () => {
    expect([...runningTotals([5, 30, 30])]).toEqual([5, 35, 65])
    expect(largestIndex([5, 30, 30])).toBe(1)
    expect(largestIndex([])).toBe(-1)
    expect(largestFirst([5, 30, 30, 1], 3)).toEqual([1, 2, 0])
    expect(largestFirst([1, 9, 3, 9, 7, 0, 8], 4)).toEqual([1, 3, 6, 4])
    expect(largestFirst([2, 1], 0)).toEqual([])
  })

  it('summarises the chart in words for the chosen counter', () => {
    expect(usageSummary(usage(-1), 'marsys')).toEqual([
      '3 messages, 65 MARSYS tokens in total ($0.0001 as one gpt-4o prompt).',
      'Largest: message 1 (tool), 30 tokens.',
      "MARSYS's threshold of 150,000 tokens is not crossed.",
    ])
    expect(usageSummary(usage(2), 'bpe')).toEqual([
      '3 messages, 40 o200k_base tokens in total ($0.0001 as one gpt-4o prompt).',
      'Largest: message 1 (tool), 21 tokens.',
      "MARSYS's threshold of 150,000 tokens is crossed at message 2.",
    ])
  })

  it('exports one CSV row per message', () => {
    expect(usageCsv(usage(-1)).split('\n')).toEqual([
      'index,message_id,role,marsys_tokens,o200k_base_tokens,cost_input_usd,cost_output_usd',
      '0,11,user,5,8,0.00002,0',
      '1,12,tool,30,21,0.0000525,0',
      '2,13,assistant,30,8,0.00002,0.00008',
      '',
    ])
  })
})
