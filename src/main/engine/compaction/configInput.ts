/**
 * A managed memory config given by a person (a `--config` file, the UI): checked field by field before
 * ManagedMemoryConfig takes it, so a typo or a string where a number belongs is named instead of silently
 * producing a memory that never compacts. Field names are MARSYS's; unknown ones are refused.
 */
import { z } from 'zod'
import { ManagedMemoryConfig, type ManagedMemoryConfigInput } from '../marsys/memory/managedConfig'

const count = z.number().int().nonnegative()
const positive = z.number().int().positive()
const ratio = z.number().min(0).max(1)
const names = z.array(z.string())

const summarization = z
  .object({
    enabled: z.boolean(),
    grace_recent_messages: count,
    output_max_tokens: positive,
    prompt_mode: z.string(),
    include_original_instruction: z.boolean(),
    include_image_payload_bytes: z.boolean(),
    max_retained_images: count.nullable(),
  })
  .partial()
  .strict()

const activeContext = z
  .object({
    enabled: z.boolean(),
    mode: z.enum(['compaction', 'sliding_window', 'destructive_compaction']),
    sliding_window: z.object({ enabled: z.boolean(), headroom_percent: ratio }).partial().strict(),
    processor_order: names,
    reduction_order: names,
    excluded_processors: names,
    min_reduction_ratio: ratio,
    tool_truncation: z
      .object({
        enabled: z.boolean(),
        max_tool_message_tokens: positive,
        grace_recent_messages: count,
        append_marker: z.string(),
        include_tool_payload_user_messages: z.boolean(),
      })
      .partial()
      .strict(),
    summarization,
    compaction: summarization,
    backward_packing: z.object({ grace_recent_messages: count }).partial().strict(),
  })
  .partial()
  .strict()

const configInput = z
  .object({
    threshold_tokens: positive,
    image_token_estimate: count,
    trigger_events: names,
    cache_invalidation_events: names,
    active_context: activeContext,
    max_total_tokens_trigger: positive,
    target_total_tokens: positive,
    enable_headroom_percent: ratio,
    min_retrieval_gap_steps: count,
    min_retrieval_gap_tokens: count,
    processing_strategy: z.string(),
  })
  .partial()
  .strict()

export class ConfigInputError extends Error {
  override name = 'ConfigInputError'
}

/**
 * @throws ConfigInputError naming each wrong field by its path (`active_context.min_reduction_ratio: …`).
 */
export function parseManagedConfigInput(value: unknown): ManagedMemoryConfigInput {
  const result = configInput.safeParse(value)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  throw new ConfigInputError(problems.join('; '))
}

/** The config for a simulation, from checked input. */
export const managedConfigFrom = (value: unknown): ManagedMemoryConfig =>
  new ManagedMemoryConfig(parseManagedConfigInput(value))
