/**
 * `ManagedMemoryConfig` and `ActiveContextPolicyConfig` (spec §6.1) with MARSYS's defaults. Inputs use MARSYS's
 * snake_case field names — the current ones and the historical ones the API reference (seed) still documents.
 */
import type { TokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { AgentConfigurationError } from './marsysErrors'

export interface ToolTruncationConfig {
  enabled: boolean
  maxToolMessageTokens: number
  graceRecentMessages: number
  appendMarker: string
  includeToolPayloadUserMessages: boolean
}

export interface SummarizationConfig {
  enabled: boolean
  graceRecentMessages: number
  outputMaxTokens: number
  /** Not read by MARSYS. */
  promptMode: string
  includeOriginalInstruction: boolean
  includeImagePayloadBytes: boolean
  maxRetainedImages: number | null
}

export interface ActiveContextPolicy {
  enabled: boolean
  /** "compaction" (default), "sliding_window"; "destructive_compaction" is a deprecated alias of "compaction". */
  mode: string
  /** `enabled` exists in MARSYS but is not read. */
  slidingWindow: { enabled: boolean; headroomPercent: number }
  processorOrder: string[]
  excludedProcessors: string[]
  minReductionRatio: number
  toolTruncation: ToolTruncationConfig
  summarization: SummarizationConfig
  backwardPacking: { graceRecentMessages: number }
}

/** A token counter object, or a plain function counting one message (MARSYS would fail on a function). */
export type TokenCounterInput = TokenCounter | ((msg: unknown) => number)

export interface ActiveContextInput {
  enabled?: boolean
  mode?: string
  sliding_window?: { enabled?: boolean; headroom_percent?: number }
  processor_order?: string[]
  /** Alias of processor_order. */
  reduction_order?: string[]
  excluded_processors?: string[]
  min_reduction_ratio?: number
  tool_truncation?: {
    enabled?: boolean
    max_tool_message_tokens?: number
    grace_recent_messages?: number
    append_marker?: string
    include_tool_payload_user_messages?: boolean
  }
  summarization?: SummarizationInput
  /** Alias of summarization. */
  compaction?: SummarizationInput
  backward_packing?: { grace_recent_messages?: number }
}

export interface SummarizationInput {
  enabled?: boolean
  grace_recent_messages?: number
  output_max_tokens?: number
  prompt_mode?: string
  include_original_instruction?: boolean
  include_image_payload_bytes?: boolean
  max_retained_images?: number | null
}

export interface ManagedMemoryConfigInput {
  threshold_tokens?: number
  image_token_estimate?: number
  trigger_events?: string[]
  cache_invalidation_events?: string[]
  token_counter?: TokenCounterInput | null
  active_context?: ActiveContextInput

  // Historical names (MARSYS before 2026-02-28, still in the API reference):
  /** → threshold_tokens. */
  max_total_tokens_trigger?: number
  /** → the packing target (overrides the derived compaction_target_tokens). */
  target_total_tokens?: number
  /** → active_context.sliding_window.headroom_percent. */
  enable_headroom_percent?: number
  /** No current equivalent (was part of the old retrieve trigger); kept and reported, not used. */
  min_retrieval_gap_steps?: number
  /** No current equivalent (was part of the old retrieve trigger); kept and reported, not used. */
  min_retrieval_gap_tokens?: number
  /** Never read, even historically; kept and reported, not used. */
  processing_strategy?: string
}

export const DEFAULT_PROCESSOR_ORDER = ['tool_truncation', 'summarization', 'backward_packing'] as const

function activeContextFrom(input: ActiveContextInput = {}): ActiveContextPolicy {
  const truncation = input.tool_truncation ?? {}
  const summarization = input.summarization ?? input.compaction ?? {}
  return {
    enabled: input.enabled ?? true,
    mode: input.mode ?? 'compaction',
    slidingWindow: {
      enabled: input.sliding_window?.enabled ?? true,
      headroomPercent: input.sliding_window?.headroom_percent ?? 0.1,
    },
    processorOrder: [...(input.processor_order ?? input.reduction_order ?? DEFAULT_PROCESSOR_ORDER)],
    excludedProcessors: [...(input.excluded_processors ?? [])],
    minReductionRatio: input.min_reduction_ratio ?? 0.4,
    toolTruncation: {
      enabled: truncation.enabled ?? true,
      maxToolMessageTokens: truncation.max_tool_message_tokens ?? 1200,
      graceRecentMessages: truncation.grace_recent_messages ?? 1,
      appendMarker: truncation.append_marker ?? ' [truncated]',
      includeToolPayloadUserMessages: truncation.include_tool_payload_user_messages ?? true,
    },
    summarization: {
      enabled: summarization.enabled ?? true,
      graceRecentMessages: summarization.grace_recent_messages ?? 1,
      outputMaxTokens: summarization.output_max_tokens ?? 6000,
      promptMode: summarization.prompt_mode ?? 'generic',
      includeOriginalInstruction: summarization.include_original_instruction ?? true,
      includeImagePayloadBytes: summarization.include_image_payload_bytes ?? false,
      maxRetainedImages: summarization.max_retained_images ?? null,
    },
    backwardPacking: { graceRecentMessages: input.backward_packing?.grace_recent_messages ?? 1 },
  }
}

/** A TokenCounter from the accepted inputs (a plain function counts one message). */
export function tokenCounterFrom(input: TokenCounterInput | null | undefined): TokenCounter | null {
  if (input === null || input === undefined) return null
  if (typeof input === 'function') {
    const countMessage = input
    return {
      countMessage,
      countMessages: (msgs) => {
        const perMessage = msgs.map((m) => countMessage(m))
        return { total: perMessage.reduce((a, b) => a + b, 0), perMessage }
      },
    }
  }
  if (typeof input.countMessage !== 'function' || typeof input.countMessages !== 'function') {
    throw new AgentConfigurationError(
      'token_counter must have countMessage and countMessages',
      'token_counter',
      input,
    )
  }
  return input
}

export class ManagedMemoryConfig {
  thresholdTokens: number
  imageTokenEstimate: number
  triggerEvents: string[]
  cacheInvalidationEvents: string[]
  tokenCounter: TokenCounter | null
  activeContext: ActiveContextPolicy
  /** Set only from the historical `target_total_tokens`. */
  targetTokensOverride: number | null
  /** Historical fields that have no current meaning, as given. */
  readonly legacy: {
    min_retrieval_gap_steps?: number
    min_retrieval_gap_tokens?: number
    processing_strategy?: string
  }
  /** What was mapped, ignored or conflicting in the input. */
  readonly warnings: string[] = []

  constructor(input: ManagedMemoryConfigInput = {}) {
    this.thresholdTokens = this.pick(input, 'threshold_tokens', 'max_total_tokens_trigger') ?? 150_000
    this.imageTokenEstimate = input.image_token_estimate ?? 800
    this.triggerEvents = [...(input.trigger_events ?? ['add', 'get_messages'])]
    this.cacheInvalidationEvents = [
      ...(input.cache_invalidation_events ?? ['add', 'remove_by_id', 'delete_memory']),
    ]
    this.tokenCounter = tokenCounterFrom(input.token_counter)
    this.activeContext = activeContextFrom(input.active_context)
    this.targetTokensOverride = input.target_total_tokens ?? null
    if (input.target_total_tokens !== undefined) {
      this.warnings.push(
        'target_total_tokens is a historical name: used as the packing target instead of the derived compaction_target_tokens',
      )
    }
    if (input.enable_headroom_percent !== undefined) {
      this.warnings.push(
        'enable_headroom_percent is a historical name: mapped to active_context.sliding_window.headroom_percent',
      )
      if (input.active_context?.sliding_window?.headroom_percent === undefined) {
        this.activeContext.slidingWindow.headroomPercent = input.enable_headroom_percent
      } else {
        this.warnings.push(
          'enable_headroom_percent ignored: active_context.sliding_window.headroom_percent is also given',
        )
      }
    }
    this.legacy = {}
    for (const key of [
      'min_retrieval_gap_steps',
      'min_retrieval_gap_tokens',
      'processing_strategy',
    ] as const) {
      if (input[key] === undefined) continue
      ;(this.legacy as Record<string, unknown>)[key] = input[key]
      this.warnings.push(`${key} no longer exists in MARSYS: kept but not used`)
    }
  }

  /** `int(threshold_tokens * (1 - min_reduction_ratio))`, 90 000 by default — or the historical target if given. */
  get compactionTargetTokens(): number {
    if (this.targetTokensOverride !== null) return this.targetTokensOverride
    return Math.trunc(this.thresholdTokens * (1 - this.activeContext.minReductionRatio))
  }

  private pick(
    input: ManagedMemoryConfigInput,
    current: 'threshold_tokens',
    historical: 'max_total_tokens_trigger',
  ): number | undefined {
    const now = input[current]
    const old = input[historical]
    if (old === undefined) return now
    if (now !== undefined) {
      this.warnings.push(`${historical} ignored: ${current} is also given`)
      return now
    }
    this.warnings.push(`${historical} is a historical name: mapped to ${current}`)
    return old
  }
}
