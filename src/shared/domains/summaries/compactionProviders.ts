/**
 * MARSYS's runtime `provider` names with a payload limit of their own (`PROVIDER_PAYLOAD_LIMITS` in its
 * memory_strategies.py). Images kept through summarization may use half of the provider's limit; any other
 * provider, or none, gets the default.
 */
export const COMPACTION_PROVIDERS = [
  'anthropic',
  'anthropic-oauth',
  'openai',
  'openai-oauth',
  'google',
  'openrouter',
  'xai',
] as const
export type CompactionProvider = (typeof COMPACTION_PROVIDERS)[number]

const PAYLOAD_LIMIT_BYTES: Readonly<Record<CompactionProvider, number>> = {
  anthropic: 32_000_000,
  'anthropic-oauth': 32_000_000,
  openai: 25_000_000,
  'openai-oauth': 25_000_000,
  google: 100_000_000,
  openrouter: 25_000_000,
  xai: 25_000_000,
}
const DEFAULT_PAYLOAD_LIMIT_BYTES = 25_000_000

/** The bytes of image data URLs summarization may retain for `provider` (MARSYS: half the payload limit). */
export function retainedImageBudget(provider: string | null | undefined): number {
  const limit =
    provider != null && Object.hasOwn(PAYLOAD_LIMIT_BYTES, provider)
      ? PAYLOAD_LIMIT_BYTES[provider as CompactionProvider]
      : DEFAULT_PAYLOAD_LIMIT_BYTES
  return Math.trunc(limit * 0.5)
}
