import { describe, expect, it } from 'vitest'
import { DefaultTokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import { ManagedMemoryConfig, type ManagedMemoryConfigInput } from '../marsys/memory/managedConfig'
import { backwardPacking } from './backwardPackingStage'
import { buildCompactionPayload, buildUserRollup, parseCompactionReply } from './compactionPayload'
import { runPipeline } from './pipeline'
import { protectedTailStart } from './protectedTail'
import { CompactionInputError, simulateCompaction } from './simulate'
import { summarization } from './summarization'
import { isToolResponse, toolTruncation, truncateTextToTokens } from './toolTruncation'
import type { CompactionContext, CompactionModel, WireMessage } from './types'

const ctx = (
  input: ManagedMemoryConfigInput = {},
  model: CompactionModel | null = null,
): CompactionContext => ({
  config: new ManagedMemoryConfig(input),
  counter: new DefaultTokenCounter(),
  model,
  agentInstruction: null,
  provider: null,
})
const user = (content: unknown): WireMessage => ({ role: 'user', content })
const assistant = (content: unknown): WireMessage => ({ role: 'assistant', content })
const tool = (content: string): WireMessage => ({ role: 'tool', content, tool_call_id: 'c', name: 't' })
const replying = (reply: string, name = 'm'): CompactionModel => ({ name, complete: async () => reply })

describe('the protected tail', () => {
  it('starts at the n-th most recent assistant message', () => {
    const messages = [user('a'), assistant('b'), user('c'), assistant('d'), tool('e')]
    expect(protectedTailStart(messages, 1)).toBe(3)
    expect(protectedTailStart(messages, 2)).toBe(1)
    expect(protectedTailStart(messages, 0)).toBe(3)
  })

  it('protects nothing when there are fewer assistant messages than n (not what MARSYS documents)', () => {
    expect(protectedTailStart([user('a'), assistant('b')], 2)).toBe(2)
    expect(protectedTailStart([user('a')], 1)).toBe(1)
  })
})

describe('tool_truncation', () => {
  it('cuts to int(max*4) - len(marker) code points plus the marker, only above max tokens', () => {
    expect(truncateTextToTokens('abcdefgh', 2, '')).toBe('abcdefgh')
    expect(truncateTextToTokens('abcdefghi', 2, '')).toBe('abcdefgh')
    expect(truncateTextToTokens('é'.repeat(20), 3, ' [t]')).toBe('é'.repeat(8) + ' [t]')
    expect(truncateTextToTokens('😀'.repeat(10), 1, '')).toBe('😀'.repeat(4))
    expect(truncateTextToTokens('x'.repeat(40), 2, ' [truncated]')).toBe(' [truncated]')
  })

  it("treats user messages that carry a tool's output as tool results, when enabled", () => {
    expect(isToolResponse(user('Tool search returned: x'), true)).toBe(true)
    expect(isToolResponse(user('Tool search returned: x'), false)).toBe(false)
    expect(isToolResponse(user('Tool search said x'), true)).toBe(false)
    expect(isToolResponse(user(['Tool x returned:']), true)).toBe(false)
  })

  it('leaves the protected tail and small results alone; saves the excess', async () => {
    const big = 'x'.repeat(400)
    const messages = [user('q'), tool(big), tool('small'), assistant('a'), tool(big)]
    const c = ctx({ active_context: { tool_truncation: { max_tool_message_tokens: 50 } } })
    expect(toolTruncation.estimateReduction(messages, c)).toBe(113 - 50)
    const out = await toolTruncation.reduce(messages, c)
    expect(out.messages[1].content).toBe('x'.repeat(188) + ' [truncated]')
    expect(out.messages[2]).toBe(messages[2])
    expect(out.messages[4]).toBe(messages[4])
    expect(messages[1].content).toBe(big)
    expect(out.metadata).toEqual({ stage: 'tool_truncation', truncated_count: 1, tokens_saved: 113 - 63 })
  })
})

describe('the summarization request and reply', () => {
  it('replaces images by ids, lists them in a manifest, and adds the instruction as a last user message', () => {
    const prefix = [
      user([
        { type: 'text', text: 'See this' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA' } },
      ]),
      assistant('Seen.'),
    ]
    const { messages, imageMap } = buildCompactionPayload(prefix, {
      agentInstruction: 'Be brief.',
      includeImageBytes: false,
      outputMaxTokens: 6000,
    })
    expect(messages[0].content).toMatch(/at most approximately 4050 words\./)
    expect(messages[1].content).toEqual([
      { type: 'text', text: 'See this' },
      { type: 'text', text: '[Image ID: img_0000]' },
    ])
    expect(messages[3]).toEqual({
      role: 'user',
      content:
        '[Agent Instruction]\nBe brief.\n\n[Image Manifest]\n  img_0000: "See this"\n\nNow summarize the conversation above. ' +
        'Preserve user requests and compact the context needed to finish the task. Respond with the required JSON.',
    })
    expect([...imageMap]).toEqual([['img_0000', 'data:image/png;base64,AAA']])
    expect(prefix[0].content).toHaveLength(2)
  })

  it('parses JSON, a fenced block, or the outermost braces, as MARSYS does', () => {
    expect(parseCompactionReply('{"summary": "a"}')).toEqual({ summary: 'a' })
    expect(parseCompactionReply('x ```json\n{"summary": "b"}\n``` y')).toEqual({ summary: 'b' })
    expect(parseCompactionReply('Sure! {"summary": {"n": 1}} Bye')).toEqual({ summary: { n: 1 } })
    expect(parseCompactionReply('no json here')).toBeUndefined()
    expect(parseCompactionReply('')).toBeUndefined()
  })

  it('rolls up user requests with their text parts', () => {
    expect(
      buildUserRollup([
        user('  one '),
        assistant('x'),
        user([{ type: 'text', text: 'two' }, { type: 'image_url' }]),
        user(''),
      ]),
    ).toBe('one\n---\ntwo')
  })
})

describe('summarization', () => {
  const messages = [user('first'), assistant('one'), user('second'), assistant('two')]

  it('skips an insufficient prefix, and a disabled stage', async () => {
    const out = await summarization.reduce([user('a'), assistant('b')], ctx({}, replying('{}')))
    expect(out.metadata).toEqual({ stage: 'summarization', skipped: true, reason: 'insufficient_prefix' })
    const off = ctx({ active_context: { summarization: { enabled: false } } })
    expect(summarization.estimateReduction(messages, off)).toBe(0)
    expect((await summarization.reduce(messages, off)).metadata).toEqual({
      stage: 'summarization',
      skipped: true,
    })
  })

  it('writes no [User Requests Summary] when the reply has none, and names the summary after the model', async () => {
    const out = await summarization.reduce(
      messages,
      ctx({}, replying('{"summary": "s", "salient_facts": []}', 'm9')),
    )
    expect(out.messages).toEqual([
      { role: 'assistant', content: '[Compacted Context Summary]\ns', name: 'compaction_m9' },
      assistant('two'),
    ])
  })

  it('retains the newest kept images first, within max_retained_images', async () => {
    const image = (n: number) =>
      user([{ type: 'image_url', image_url: { url: `data:image/png;base64,${n}` } }])
    const withImages = [image(0), image(1), image(2), assistant('seen'), user('more'), assistant('done')]
    const reply = JSON.stringify({
      summary: 's',
      keep_images: [
        { image_id: 'img_0000', context: 'zero' },
        { image_id: 'img_0002', context: 'two' },
        { image_id: 'img_0001', context: 'one' },
        { image_id: 'img_0042', context: 'unknown' },
      ],
    })
    const out = await summarization.reduce(
      withImages,
      ctx({ active_context: { summarization: { max_retained_images: 2 } } }, replying(reply)),
    )
    expect(out.messages.slice(1, 3).map((m) => (m.content as { text?: string }[])[0].text)).toEqual([
      '[Retained image img_0002]: two',
      '[Retained image img_0001]: one',
    ])
    expect(out.metadata.images_retained).toBe(2)
  })
})

describe('backward_packing', () => {
  it('skips what does not fit and keeps packing earlier messages', async () => {
    const messages = [user('early'), assistant('x'.repeat(400)), user('late'), assistant('end')]
    const out = await backwardPacking.reduce(messages, ctx({ threshold_tokens: 50 }))
    expect(out.messages).toEqual([user('early'), user('late'), assistant('end')])
    expect(out.metadata).toMatchObject({ messages_dropped: 1, grace_messages: 1, user_injected: false })
  })
})

describe('the pipeline', () => {
  it('records a processor that fails and carries on', async () => {
    const broken = ctx(
      { threshold_tokens: 10, active_context: { min_reduction_ratio: 0 } },
      replying('[1, 2]'),
    )
    const run = await runPipeline(
      [user('a'.repeat(100)), assistant('b'.repeat(100)), user('c'), assistant('d')],
      broken,
    )
    expect(run.steps.map((s) => s.metadata)).toEqual([
      expect.objectContaining({ stage: 'tool_truncation' }),
      { stage: 'summarization', error: "'list' object has no attribute 'get'" },
      expect.objectContaining({ stage: 'backward_packing' }),
    ])
  })

  it('skips excluded and unknown processors, with a warning for unknown ones', async () => {
    const result = await simulateCompaction(
      [user('a'.repeat(100)), assistant('b')],
      new ManagedMemoryConfig({
        threshold_tokens: 10,
        active_context: {
          processor_order: ['zip', 'summarization', 'backward_packing'],
          excluded_processors: ['summarization'],
        },
      }),
    )
    expect(result.stages.map((s) => s.name)).toEqual(['backward_packing'])
    const started: string[] = []
    await simulateCompaction([user('a'.repeat(100))], new ManagedMemoryConfig({ threshold_tokens: 10 }), {
      onStage: (name) => started.push(name),
    })
    expect(started).toEqual([
      'tool_truncation',
      'summarization',
      'backward_packing',
      'forced_summarization_fallback',
    ])
    expect(result.warnings).toEqual(['unknown compaction processor "zip" skipped'])
  })

  it('names a message MARSYS could not hold instead of failing somewhere inside', async () => {
    const bad = {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }],
    }
    const error = await simulateCompaction([user('q'), bad], new ManagedMemoryConfig(), {
      force: true,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CompactionInputError)
    expect((error as Error).message).toMatch(/^message 1: /)
  })

  it('does nothing in sliding_window mode, or when disabled', async () => {
    const messages = [user('a'.repeat(100)), assistant('b')]
    const sliding = await simulateCompaction(
      messages,
      new ManagedMemoryConfig({ threshold_tokens: 1, active_context: { mode: 'sliding_window' } }),
    )
    expect(sliding.notTriggeredReason).toBe('mode is "sliding_window", not "compaction"')
    const off = await simulateCompaction(
      messages,
      new ManagedMemoryConfig({ threshold_tokens: 1, active_context: { enabled: false } }),
    )
    expect(off.notTriggeredReason).toBe('active context is disabled')
  })

  it('runs under the threshold only when forced, with the ratio gates still applying', async () => {
    const messages = [user('a'), assistant('b'), user('c'), assistant('d')]
    const config = new ManagedMemoryConfig()
    expect((await simulateCompaction(messages, config)).triggered).toBe(false)
    const forced = await simulateCompaction(messages, config, {
      force: true,
      model: replying('{"summary": "s"}'),
    })
    expect(forced.triggered).toBe(true)
    expect(forced.stages.map((s) => [s.name, s.ran, s.skippedReason])).toEqual([
      ['tool_truncation', false, 'insufficient_reduction'],
      ['summarization', false, 'insufficient_reduction'],
      ['backward_packing', true, null],
    ])
    expect(forced.messages).toEqual(messages)
    expect(forced.origins).toEqual([0, 1, 2, 3])
  })
})
