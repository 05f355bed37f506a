import type { TokenEstimator } from '../../../shared/model/langswarm'

export type TokenizerEncoding = 'o200k_base' | 'cl100k_base'

const NO_SPECIAL_TOKENS = { disallowedSpecial: new Set<string>() }

/**
 * A real BPE token count via gpt-tokenizer: o200k (GPT-4o and later) or cl100k (GPT-4, GPT-3.5). Loaded lazily
 * because the encodings are large. Special-token text such as `<|endoftext|>` in a message is counted as plain
 * text rather than rejected.
 */
export async function createTokenizerEstimator(
  encoding: TokenizerEncoding = 'o200k_base',
): Promise<TokenEstimator> {
  const { countTokens } =
    encoding === 'o200k_base'
      ? await import('gpt-tokenizer/encoding/o200k_base')
      : await import('gpt-tokenizer/encoding/cl100k_base')
  return { id: `gpt-tokenizer:${encoding}`, count: (text) => countTokens(text, NO_SPECIAL_TOKENS) }
}
