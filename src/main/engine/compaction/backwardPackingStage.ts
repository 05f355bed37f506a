/**
 * MARSYS's `BackwardPackingProcessor`, the last resort: the protected tail is always kept, earlier messages are
 * packed newest first into what is left of `compaction_target_tokens`, and messages or tool bundles that do not
 * fit are skipped (not a stop, unlike the sliding window).
 */
import { toolBundleBackward } from '../marsys/memory/backwardPacking'
import type { LlmDict } from '../marsys/memory/llmDict'
import { protectedTailStart } from './protectedTail'
import type { CompactionProcessor, StageOutput, WireMessage } from './types'

/** `_skip_tool_bundle_backward`: the index just before the assistant message that started the tool bundle. */
function skipToolBundle(toolIndex: number, messages: readonly WireMessage[]): number {
  let j = toolIndex - 1
  while (j >= 0) {
    const role = messages[j].role
    if (role === 'tool' || role === 'user') {
      j--
      continue
    }
    const calls = messages[j].tool_calls
    if (role === 'assistant' && Array.isArray(calls) && calls.length > 0) return j - 1
    return j
  }
  return j
}

export const backwardPacking: CompactionProcessor = {
  name: 'backward_packing',

  estimateReduction(messages, ctx) {
    return Math.max(0, ctx.counter.countMessages(messages).total - ctx.config.compactionTargetTokens)
  },

  async reduce(messages, ctx): Promise<StageOutput> {
    const counter = ctx.counter
    const target = ctx.config.compactionTargetTokens
    const totalTokens = counter.countMessages(messages).total
    const graceBoundary = protectedTailStart(
      messages,
      ctx.config.activeContext.backwardPacking.graceRecentMessages,
    )
    const grace = messages.slice(graceBoundary)
    const graceTokens = grace.length > 0 ? counter.countMessages(grace).total : 0
    const budget = Math.max(0, target - graceTokens)

    const earlier = messages.slice(0, graceBoundary)
    const counts = earlier.map((m) => counter.countMessage(m))
    const picked: number[] = []
    let running = 0
    let i = earlier.length - 1
    while (i >= 0) {
      const isTool = earlier[i].role === 'tool'
      if (running + counts[i] > budget) {
        i = isTool ? skipToolBundle(i, earlier) : i - 1
        continue
      }
      if (!isTool) {
        picked.push(i)
        running += counts[i]
        i--
        continue
      }
      const bundle = toolBundleBackward(
        i - 1,
        earlier as unknown as LlmDict[],
        counts,
        budget,
        running + counts[i],
      )
      if (bundle === null) {
        i = skipToolBundle(i, earlier)
        continue
      }
      picked.push(i, ...bundle.indices)
      running = bundle.tokens
      i = bundle.next
    }
    const result = picked.reverse().map((k) => earlier[k])
    result.push(...grace)

    // Like MARSYS: without any user message left, the most recent one is put back at the front.
    let userInjected = false
    if (!result.some((m) => m.role === 'user')) {
      for (let j = messages.length - 1; j >= 0; j--) {
        if (messages[j].role !== 'user') continue
        result.unshift(messages[j])
        userInjected = true
        break
      }
    }
    return {
      messages: result,
      metadata: {
        stage: 'backward_packing',
        pre_tokens: totalTokens,
        post_tokens: result.length > 0 ? counter.countMessages(result).total : 0,
        messages_dropped: messages.length - result.length,
        grace_messages: grace.length,
        grace_tokens: graceTokens,
        user_injected: userInjected,
      },
    }
  },
}
