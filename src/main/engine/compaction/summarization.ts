/** MARSYS's `SummarizationProcessor`: the prefix before the protected tail becomes a summary from a model. */
import { pyLen } from '../../../shared/tokens/pyText'
import { pyTypeName } from '../marsys/memory/jsonValue'
import { retainedImageBudget } from '../../../shared/domains/summaries/compactionProviders'
import { buildCompactionPayload } from './compactionPayload'
import { runCompactionModel } from './modelCall'
import { protectedTailStart } from './protectedTail'
import {
  compactedSummaryMessage,
  replyField,
  retainedImageMessage,
  truthy,
  userRequestsMessage,
} from './summaryMessages'
import type { CompactionContext, CompactionProcessor, StageOutput, WireMessage } from './types'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const skipped = (messages: WireMessage[], reason?: string): StageOutput => ({
  messages,
  metadata: reason
    ? { stage: 'summarization', skipped: true, reason }
    : { stage: 'summarization', skipped: true },
})

/** The retained-image messages: valid ids, newest id first, within the count cap and half the payload limit. */
function retainedImages(
  keepImages: unknown,
  imageMap: Map<string, string>,
  ctx: CompactionContext,
): WireMessage[] {
  if (!truthy(keepImages) || imageMap.size === 0 || !Array.isArray(keepImages)) return []
  const valid = keepImages.filter(
    (item): item is Record<string, unknown> =>
      isRecord(item) && typeof item.image_id === 'string' && imageMap.has(item.image_id),
  )
  valid.sort((a, b) =>
    a.image_id === b.image_id ? 0 : (a.image_id as string) < (b.image_id as string) ? 1 : -1,
  )
  const budget = retainedImageBudget(ctx.provider)
  const maxCount = ctx.config.activeContext.summarization.maxRetainedImages
  const kept: WireMessage[] = []
  let keptCount = 0
  let bytesUsed = 0
  for (const item of valid) {
    if (maxCount !== null && keptCount >= maxCount) break
    const url = imageMap.get(item.image_id as string) ?? ''
    const bytes = url ? pyLen(url) : 0
    if (bytesUsed + bytes > budget) continue
    bytesUsed += bytes
    keptCount++
    if (url) kept.push(retainedImageMessage(item.image_id as string, replyField(item, 'context', ''), url))
  }
  return kept
}

const hasImagePart = (message: WireMessage): boolean =>
  Array.isArray(message.content) &&
  message.content.some((block) => isRecord(block) && block.type === 'image_url')

export const summarization: CompactionProcessor = {
  name: 'summarization',

  estimateReduction(messages, ctx) {
    const cfg = ctx.config.activeContext.summarization
    if (!cfg.enabled) return 0
    const start = protectedTailStart(messages, cfg.graceRecentMessages)
    if (start <= 1) return 0
    const prefixTokens = ctx.counter.countMessages(messages.slice(0, start)).total
    const estimatedOutput = Math.min(cfg.outputMaxTokens, Math.trunc(prefixTokens * 0.5))
    return Math.max(0, prefixTokens - estimatedOutput)
  },

  async reduce(input, ctx): Promise<StageOutput> {
    const cfg = ctx.config.activeContext.summarization
    if (!cfg.enabled) return skipped(input)
    if (protectedTailStart(input, cfg.graceRecentMessages) <= 1) return skipped(input, 'insufficient_prefix')

    // A leading system message is set aside and put back first.
    const system = input[0]?.role === 'system' ? input[0] : null
    const messages = system ? input.slice(1) : input
    const withSystem = (list: WireMessage[]): WireMessage[] => (system ? [system, ...list] : list)
    const start = protectedTailStart(messages, cfg.graceRecentMessages)
    if (start <= 1) return skipped(withSystem(messages), 'insufficient_prefix')
    const prefix = messages.slice(0, start)
    const tail = messages.slice(start)
    const totalTokens = ctx.counter.countMessages(input).total

    const agentInstruction = cfg.includeOriginalInstruction ? ctx.agentInstruction : null
    const payload = buildCompactionPayload(prefix, {
      agentInstruction,
      includeImageBytes: cfg.includeImagePayloadBytes,
      outputMaxTokens: cfg.outputMaxTokens,
    })
    if (ctx.model === null) return skipped(withSystem(messages), 'no_model')

    const reply = await runCompactionModel(ctx.model, payload.messages, prefix, ctx)
    if (!truthy(reply)) return skipped(withSystem(messages), 'parse_failure')
    // MARSYS calls reply.get(...) on whatever JSON came back.
    if (!isRecord(reply)) throw new TypeError(`'${pyTypeName(reply)}' object has no attribute 'get'`)

    const reduced: WireMessage[] = system ? [system] : []
    const userRequests = replyField(reply, 'user_request_summary', '')
    if (truthy(userRequests)) reduced.push(userRequestsMessage(userRequests))
    reduced.push(compactedSummaryMessage(reply, ctx.model.name))
    reduced.push(...retainedImages(replyField(reply, 'keep_images', []), payload.imageMap, ctx))
    reduced.push(...tail)

    const tailJson = new Set(tail.map((m) => JSON.stringify(m)))
    return {
      messages: reduced,
      metadata: {
        stage: 'summarization',
        pre_compaction_tokens: totalTokens,
        pre_compaction_messages: messages.length,
        post_compaction_tokens: ctx.counter.countMessages(reduced).total,
        post_compaction_messages: reduced.length,
        prefix_count: prefix.length,
        protected_tail_count: tail.length,
        compaction_model: ctx.model.name,
        // MARSYS counts image-carrying messages not equal to any tail message.
        images_retained: reduced.filter((m) => hasImagePart(m) && !tailJson.has(JSON.stringify(m))).length,
      },
    }
  },
}
