/** MARSYS's `ToolTruncationProcessor`: oversized tool results before the protected tail are cut. */
import { pyLen } from '../../../shared/tokens/pyText'
import { copyMessage } from './messageOrigin'
import { protectedTailStart } from './protectedTail'
import type { CompactionContext, CompactionProcessor, StageOutput, WireMessage } from './types'

const CHARS_PER_TOKEN = 4

/** A `tool` message, or (when enabled) a user message carrying a tool payload: `"Tool … returned: …"`. */
export function isToolResponse(message: WireMessage, includeUserPayloads: boolean): boolean {
  if (message.role === 'tool') return true
  const content = message.content
  return (
    includeUserPayloads &&
    message.role === 'user' &&
    typeof content === 'string' &&
    content.startsWith('Tool ') &&
    content.includes('returned:')
  )
}

/** Slices by code points, as Python's `text[:n]`. */
function pySlice(text: string, codePoints: number): string {
  if (codePoints >= text.length) return text
  return [...text].slice(0, codePoints).join('')
}

/**
 * `marsys.utils.tokens.truncate_text_to_tokens`: unchanged when `len/4 <= max_tokens`, else the first
 * `int(max_tokens*4) - len(marker)` code points plus the marker.
 */
export function truncateTextToTokens(text: string, maxTokens: number, marker: string): string {
  if (text === '') return text
  if (pyLen(text) / CHARS_PER_TOKEN <= maxTokens) return text
  const maxChars = Math.max(0, Math.trunc(maxTokens * CHARS_PER_TOKEN) - pyLen(marker))
  return pySlice(text, maxChars) + marker
}

function candidates(messages: readonly WireMessage[], ctx: CompactionContext): number[] {
  const cfg = ctx.config.activeContext.toolTruncation
  const tailStart = protectedTailStart(messages, cfg.graceRecentMessages)
  const found: number[] = []
  for (let i = 0; i < tailStart; i++) {
    const message = messages[i]
    if (!isToolResponse(message, cfg.includeToolPayloadUserMessages)) continue
    // MARSYS reads `msg.get("content", "")`: a missing content counts as a string, an explicit null does not.
    const content = 'content' in message ? message.content : ''
    if (typeof content !== 'string') continue
    if (ctx.counter.countMessage(message) > cfg.maxToolMessageTokens) found.push(i)
  }
  return found
}

export const toolTruncation: CompactionProcessor = {
  name: 'tool_truncation',

  estimateReduction(messages, ctx) {
    const cfg = ctx.config.activeContext.toolTruncation
    if (!cfg.enabled) return 0
    return candidates(messages, ctx).reduce(
      (sum, i) => sum + ctx.counter.countMessage(messages[i]) - cfg.maxToolMessageTokens,
      0,
    )
  },

  async reduce(messages, ctx): Promise<StageOutput> {
    const cfg = ctx.config.activeContext.toolTruncation
    if (!cfg.enabled) return { messages, metadata: { stage: 'tool_truncation', skipped: true } }
    const updated = [...messages]
    let truncatedCount = 0
    let tokensSaved = 0
    for (const i of candidates(messages, ctx)) {
      const old = messages[i]
      const copy = copyMessage(old)
      copy.content = truncateTextToTokens(
        typeof old.content === 'string' ? old.content : '',
        cfg.maxToolMessageTokens,
        cfg.appendMarker,
      )
      tokensSaved += ctx.counter.countMessage(old) - ctx.counter.countMessage(copy)
      truncatedCount++
      updated[i] = copy
    }
    return {
      messages: updated,
      metadata: { stage: 'tool_truncation', truncated_count: truncatedCount, tokens_saved: tokensSaved },
    }
  },
}
