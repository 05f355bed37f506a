/** Why an LLM call failed, for one clear message; never carries the API key. */
export type LlmErrorKind =
  'config' | 'unauthorized' | 'timeout' | 'cancelled' | 'http' | 'network' | 'malformed'

export class LlmError extends Error {
  override name = 'LlmError'

  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status: number | null = null,
  ) {
    super(message)
  }
}
