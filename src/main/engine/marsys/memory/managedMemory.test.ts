import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { fixturePath } from '../../testing/fixtures'
import { backwardPack, slidingWindowTarget } from './backwardPacking'
import { MarsysIndexError, MessageError } from './marsysErrors'
import type { LlmDict } from './llmDict'
import { ManagedMemoryConfig, type ManagedMemoryConfigInput } from './managedConfig'
import { type Compactor, ManagedConversationMemory } from './managedMemory'
import { MemoryManager } from './marsysMemoryManager'
import { Message } from './message'

const counter = new DefaultTokenCounter()

const managed = (input: ManagedMemoryConfigInput = {}, warnings: string[] = []) =>
  new ManagedConversationMemory({
    config: new ManagedMemoryConfig(input),
    onWarning: (w) => warnings.push(w),
  })

const slidingWindow = (input: ManagedMemoryConfigInput = {}) =>
  managed({ ...input, active_context: { mode: 'sliding_window', ...input.active_context } })

function load09c(memory: ManagedConversationMemory): void {
  const text = readFileSync(fixturePath('09c_managed_over_trigger_uncompacted.json'), 'utf8')
  const loaded = new MemoryManager({ memoryType: 'managed_conversation' })
  loaded.loadFromText(text, '09c')
  for (const m of (loaded.memoryModule as ManagedConversationMemory).getRawMessages()) memory.add(m)
}

const weather = (id: string) => ({
  id,
  type: 'function',
  function: { name: 'get_weather', arguments: '{"city": "Paris"}' },
})
// Token counts (MARSYS's counter): 14, 27, 20, 19, 11, 6, 15, 21.
const TOOL_CONVERSATION: LlmDict[] = [
  { role: 'user', content: 'Weather in Paris and Berlin please, thank you.' },
  { role: 'assistant', content: null, tool_calls: [weather('a'), weather('b')] },
  { role: 'tool', content: 'sunny and warm today', tool_call_id: 'a', name: 'get_weather' },
  { role: 'tool', content: 'rain all day long', tool_call_id: 'b', name: 'get_weather' },
  { role: 'assistant', content: 'Paris is sunny, Berlin is rainy.' },
  { role: 'user', content: 'And tomorrow?' },
  { role: 'assistant', content: null, tool_calls: [weather('c')] },
  { role: 'tool', content: 'tomorrow: clouds everywhere', tool_call_id: 'c', name: 'get_weather' },
]

describe('ManagedMemoryConfig', () => {
  it('has MARSYS defaults', () => {
    const config = new ManagedMemoryConfig()
    expect(config.thresholdTokens).toBe(150_000)
    expect(config.imageTokenEstimate).toBe(800)
    expect(config.triggerEvents).toEqual(['add', 'get_messages'])
    expect(config.cacheInvalidationEvents).toEqual(['add', 'remove_by_id', 'delete_memory'])
    expect(config.tokenCounter).toBeNull()
    const policy = config.activeContext
    expect(policy).toMatchObject({
      enabled: true,
      mode: 'compaction',
      minReductionRatio: 0.4,
      excludedProcessors: [],
    })
    expect(policy.slidingWindow.headroomPercent).toBe(0.1)
    expect(policy.processorOrder).toEqual(['tool_truncation', 'summarization', 'backward_packing'])
    expect(policy.toolTruncation).toMatchObject({
      maxToolMessageTokens: 1200,
      graceRecentMessages: 1,
      appendMarker: ' [truncated]',
    })
    expect(policy.summarization).toMatchObject({
      outputMaxTokens: 6000,
      graceRecentMessages: 1,
      promptMode: 'generic',
      maxRetainedImages: null,
    })
    expect(config.compactionTargetTokens).toBe(90_000)
    expect(slidingWindowTarget(config)).toBe(81_000)
    expect(new ManagedMemoryConfig({ threshold_tokens: 2000 }).compactionTargetTokens).toBe(1200)
  })

  it('maps the historical names onto the current ones and reports them', () => {
    const config = new ManagedMemoryConfig({
      max_total_tokens_trigger: 100_000,
      target_total_tokens: 50_000,
      enable_headroom_percent: 0.2,
      min_retrieval_gap_steps: 2,
      min_retrieval_gap_tokens: 5000,
      processing_strategy: 'none',
    })
    expect(config.thresholdTokens).toBe(100_000)
    expect(config.compactionTargetTokens).toBe(50_000)
    expect(config.activeContext.slidingWindow.headroomPercent).toBe(0.2)
    expect(slidingWindowTarget(config)).toBe(40_000)
    expect(config.legacy).toEqual({
      min_retrieval_gap_steps: 2,
      min_retrieval_gap_tokens: 5000,
      processing_strategy: 'none',
    })
    expect(config.warnings).toHaveLength(6)
  })

  it('lets a current name win over its historical one', () => {
    const config = new ManagedMemoryConfig({ threshold_tokens: 10, max_total_tokens_trigger: 20 })
    expect(config.thresholdTokens).toBe(10)
    expect(config.warnings[0]).toMatch(/max_total_tokens_trigger ignored/)
  })

  it('accepts the summarization alias "compaction" and reduction_order', () => {
    const config = new ManagedMemoryConfig({
      active_context: { compaction: { output_max_tokens: 100 }, reduction_order: ['summarization'] },
    })
    expect(config.activeContext.summarization.outputMaxTokens).toBe(100)
    expect(config.activeContext.processorOrder).toEqual(['summarization'])
  })

  it('rejects a token counter without the counting methods', () => {
    expect(() => new ManagedMemoryConfig({ token_counter: {} as never })).toThrow(/countMessage/)
  })
})

describe('ManagedConversationMemory — token accounting', () => {
  it('adjusts the estimate on add, update, replace, remove and delete', () => {
    const memory = managed()
    const total = () => memory.getCacheStats().estimated_total_tokens
    const id = memory.add({ role: 'user', content: 'Hello, how are you today?' }) // 9
    memory.add({ role: 'tool', content: 'abcd', name: 'abcdef', toolCallId: 'c' }) // 15
    expect(total()).toBe(24)
    memory.update(id, { content: '' }) // 3
    expect(total()).toBe(18)
    memory.replaceMemory(1, { role: 'user', content: 'x'.repeat(40) }) // 13
    expect(total()).toBe(16)
    expect(memory.removeById(id)).toBe(true)
    expect(total()).toBe(13)
    memory.deleteMemory(0)
    expect(total()).toBe(0)
    expect(memory.getCacheStats().tokens_since_last_retrieval).toBe(24) // only add counts here
  })

  it('requires a message or a role, uses "Index out of range" and rejects negative indexes', () => {
    const memory = managed()
    expect(() => memory.add({} as never)).toThrow(MessageError)
    expect(() => memory.update('nope', {})).toThrow('Message nope not found')
    memory.add({ role: 'user', content: 'x' })
    expect(() => memory.deleteMemory(-1)).toThrow(MarsysIndexError)
    expect(() => memory.replaceMemory(1, { role: 'user' })).toThrow('Index out of range')
  })

  it('keeps tool_call_id on update (MARSYS drops it)', () => {
    const memory = managed()
    const id = memory.add({ role: 'tool', content: 'r', toolCallId: 'call_1' })
    memory.update(id, { content: 'edited' })
    expect(memory.retrieveById(id)).toEqual({ role: 'tool', content: 'edited', tool_call_id: 'call_1' })
  })

  it('ignores the description and resets everything', () => {
    const memory = new ManagedConversationMemory({ description: 'You are helpful' })
    memory.add({ role: 'user', content: 'x' })
    memory.metadata.note = 1
    memory.resetMemory()
    expect(memory.retrieveAll()).toEqual([])
    expect(memory.metadata).toEqual({})
    expect(memory.getCacheStats()).toEqual({
      cache_valid: false,
      cached_count: 0,
      raw_count: 0,
      estimated_total_tokens: 0,
      messages_since_last_retrieval: 0,
      tokens_since_last_retrieval: 0,
    })
  })

  it('counts with the configured image estimate', () => {
    const memory = managed({ image_token_estimate: 100 })
    memory.add({ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:,' } }] })
    expect(memory.getCacheStats().estimated_total_tokens).toBe(103)
  })
})

describe('ManagedConversationMemory — 09c (30 messages of 35 tokens)', () => {
  it('returns every raw message in compaction mode, over the threshold too, without touching the cache', () => {
    const memory = managed({ threshold_tokens: 500 })
    load09c(memory)
    expect(memory.getMessages()).toHaveLength(30)
    expect(memory.getCacheStats()).toEqual({
      cache_valid: false,
      cached_count: 0,
      raw_count: 30,
      estimated_total_tokens: 1050,
      messages_since_last_retrieval: 30,
      tokens_since_last_retrieval: 1050,
    })
  })

  it('packs a sliding window of int(int(500 * 0.6) * 0.9) = 270 tokens: the newest 7 messages', () => {
    const memory = slidingWindow({ threshold_tokens: 500 })
    load09c(memory)
    const window = memory.getMessages()
    expect(window.map((m) => (m.content as string).slice(0, 8))).toEqual([
      'turn 23:',
      'turn 24:',
      'turn 25:',
      'turn 26:',
      'turn 27:',
      'turn 28:',
      'turn 29:',
    ])
    expect(memory.getCacheStats()).toEqual({
      cache_valid: true,
      cached_count: 7,
      raw_count: 30,
      estimated_total_tokens: 1050,
      messages_since_last_retrieval: 0,
      tokens_since_last_retrieval: 0,
    })
    expect(memory.previewSlidingWindow()).toMatchObject({
      indices: [23, 24, 25, 26, 27, 28, 29],
      totalTokens: 245,
      target: 270,
    })
  })

  it('keeps everything in a sliding window under the default budget', () => {
    const memory = slidingWindow()
    load09c(memory)
    expect(memory.getMessages()).toHaveLength(30)
  })

  it('treats "destructive_compaction" as compaction when retrieving, with a deprecation warning', () => {
    const warnings: string[] = []
    const memory = managed(
      { threshold_tokens: 500, active_context: { mode: 'destructive_compaction' } },
      warnings,
    )
    load09c(memory)
    expect(memory.getMessages()).toHaveLength(30)
    expect(warnings[0]).toMatch(/deprecated/)
  })

  it('uses the window when active context is disabled, whatever the mode', () => {
    const memory = managed({ threshold_tokens: 500, active_context: { enabled: false } })
    load09c(memory)
    expect(memory.getMessages()).toHaveLength(7)
  })
})

describe('ManagedConversationMemory — sliding-window cache', () => {
  it('recomputes after an add that invalidates, and appends new messages to a still-valid cache unbudgeted', () => {
    const memory = slidingWindow({ threshold_tokens: 500, cache_invalidation_events: [], trigger_events: [] })
    load09c(memory)
    expect(memory.getMessages()).toHaveLength(7)
    memory.add({ role: 'user', content: 'late' })
    expect(memory.getCacheStats()).toMatchObject({ cache_valid: true, messages_since_last_retrieval: 1 })
    expect(memory.getMessages().map((m) => m.content)).toContain('late')
    expect(memory.getMessages()).toHaveLength(8)

    const invalidating = slidingWindow({ threshold_tokens: 500 })
    load09c(invalidating)
    invalidating.getMessages()
    invalidating.add({ role: 'user', content: 'late' })
    expect(invalidating.getCacheStats().cache_valid).toBe(false)
    expect(invalidating.getMessages()).toHaveLength(8) // 7 x 35 + 4 fits 270
  })

  it('invalidates through the trigger when over threshold, even if add is not an invalidation event', () => {
    const memory = slidingWindow({ threshold_tokens: 500, cache_invalidation_events: [] })
    load09c(memory)
    memory.getMessages()
    memory.add({ role: 'user', content: 'x' })
    expect(memory.getCacheStats().cache_valid).toBe(false)
  })

  it('always invalidates on update and replace', () => {
    const memory = slidingWindow({ threshold_tokens: 500, cache_invalidation_events: [], trigger_events: [] })
    load09c(memory)
    memory.getMessages()
    memory.replaceMemory(0, { role: 'user', content: 'r' })
    expect(memory.getCacheStats().cache_valid).toBe(false)
    memory.getMessages()
    memory.update(memory.getRawMessages()[0].messageId, { content: 'u' })
    expect(memory.getCacheStats().cache_valid).toBe(false)
  })
})

describe('backwardPack — tool bundles', () => {
  const pack = (target: number) => backwardPack(TOOL_CONVERSATION, target, counter)

  it('keeps a tool result with its assistant call and sibling results', () => {
    expect(pack(1000)).toMatchObject({
      indices: [0, 1, 2, 3, 4, 5, 6, 7],
      totalTokens: 133,
      orphanToolIndex: null,
    })
    expect(pack(45)).toMatchObject({ indices: [5, 6, 7], totalTokens: 42 })
    expect(pack(40)).toMatchObject({ indices: [6, 7], totalTokens: 36 })
  })

  it('stops at the first message that does not fit (no skipping)', () => {
    expect(pack(60)).toMatchObject({ indices: [4, 5, 6, 7], totalTokens: 53 })
  })

  it('leaves a tool result orphaned when its assistant does not fit (MARSYS quirk, emulated)', () => {
    expect(pack(30)).toMatchObject({
      indices: [7],
      totalTokens: 21,
      orphanToolIndex: 7,
      overBudgetSingle: false,
    })
  })

  it('keeps the newest message alone when it exceeds the budget', () => {
    expect(pack(20)).toMatchObject({ indices: [7], totalTokens: 21, overBudgetSingle: true })
  })

  it('orphans a tool result when the scan runs off the start, and resumes at a plain assistant', () => {
    const runOff: LlmDict[] = [
      { role: 'user', content: 'u' },
      { role: 'tool', content: 't' },
    ]
    expect(backwardPack(runOff, 1000, counter)).toMatchObject({ indices: [1], orphanToolIndex: 1 })
    const plainAssistant: LlmDict[] = [
      { role: 'assistant', content: 'plain' },
      { role: 'tool', content: 't' },
    ]
    expect(backwardPack(plainAssistant, 1000, counter)).toMatchObject({
      indices: [0, 1],
      orphanToolIndex: null,
    })
  })

  it('is what a sliding-window memory returns', () => {
    const memory = slidingWindow({ target_total_tokens: 45, enable_headroom_percent: 0 })
    for (const d of TOOL_CONVERSATION) memory.add(Message.fromDict(d as unknown as Record<string, unknown>))
    expect(memory.getMessages()).toEqual(TOOL_CONVERSATION.slice(5))
  })
})

describe('ManagedConversationMemory — compaction seam', () => {
  const summary: Compactor = {
    compact: async ({ messages }) => ({
      messages: [
        { role: 'user', content: '[User Requests Summary]\nweather' },
        { role: 'assistant', content: '[Compacted Context Summary]\ndone', name: 'compaction_stub' },
        messages[messages.length - 1],
      ],
      stages: [{ stage: 'summarization' }],
    }),
  }

  const filledMemory = (mode: string, threshold: number) => {
    const memory = new ManagedConversationMemory({
      config: new ManagedMemoryConfig({ threshold_tokens: threshold, active_context: { mode } }),
      compactor: summary,
      clock: () => 42,
    })
    for (const d of TOOL_CONVERSATION) memory.add(Message.fromDict(d as unknown as Record<string, unknown>))
    return memory
  }

  it('rewrites the history and recomputes tokens when over threshold in compaction mode', async () => {
    const memory = filledMemory('compaction', 100)
    expect(await memory.compactIfNeeded()).toBe(true)
    expect(memory.getMessages().map((m) => m.role)).toEqual(['user', 'assistant', 'tool'])
    expect(memory.getMessages()[2]).toEqual(TOOL_CONVERSATION[7])
    const stats = memory.getCacheStats()
    expect(stats.estimated_total_tokens).toBe(counter.countMessages(memory.getMessages()).total)
    expect(memory.metadata.last_compaction).toMatchObject({
      timestamp: 42,
      pre_compaction_tokens: 133,
      pre_compaction_messages: 8,
      post_compaction_messages: 3,
    })
  })

  it('does nothing under the threshold, in sliding-window mode, or under the deprecated mode name', async () => {
    expect(await filledMemory('compaction', 133).compactIfNeeded()).toBe(false)
    expect(await filledMemory('sliding_window', 100).compactIfNeeded()).toBe(false)
    expect(await filledMemory('destructive_compaction', 100).compactIfNeeded()).toBe(false)
    expect(await new ManagedConversationMemory().compactIfNeeded()).toBe(false)
  })
})
