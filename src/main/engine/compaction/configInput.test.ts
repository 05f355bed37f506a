import { describe, expect, it } from 'vitest'
import { ConfigInputError, managedConfigFrom, parseManagedConfigInput } from './configInput'

describe('managed config input', () => {
  it("takes MARSYS's field names, historical ones and aliases included", () => {
    const config = managedConfigFrom({
      threshold_tokens: 3000,
      active_context: {
        min_reduction_ratio: 0.5,
        compaction: { grace_recent_messages: 2, max_retained_images: null },
        tool_truncation: { max_tool_message_tokens: 800 },
      },
    })
    expect(config.compactionTargetTokens).toBe(1500)
    expect(config.activeContext.summarization.graceRecentMessages).toBe(2)
    expect(config.activeContext.toolTruncation.maxToolMessageTokens).toBe(800)
    expect(managedConfigFrom({ max_total_tokens_trigger: 1000 }).thresholdTokens).toBe(1000)
  })

  it('names every wrong field by its path', () => {
    expect(() =>
      parseManagedConfigInput({
        threshold_tokens: 0,
        active_context: { mode: 'fast', backward_packing: { grace_recent_messages: -1 } },
      }),
    ).toThrow(ConfigInputError)
    expect(() => parseManagedConfigInput({ active_context: { mode: 'fast' } })).toThrow(
      /^active_context\.mode: /,
    )
    expect(() => parseManagedConfigInput({ threshold_tokens: 1.5 })).toThrow(/^threshold_tokens: /)
    expect(() => parseManagedConfigInput([])).toThrow(/expected object/)
  })
})
