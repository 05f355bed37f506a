import type { BpeEncoding, MessageTokens } from './messageTokens'
import { addTokens, sumTokens, type TokenService, type TokenTotals } from './tokenService'

/**
 * A conversation's counts kept up to date edit by edit: replacing, inserting or removing a message re-counts that
 * message only (or answers it from the cache) and adjusts the totals, instead of counting the file again. Edits
 * apply in the order they were made, even when a count is still running.
 */
export class ConversationTokenLedger {
  private tail: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly service: TokenService,
    readonly encodings: readonly BpeEncoding[],
    private readonly counts: MessageTokens[],
    private readonly sums: TokenTotals,
  ) {}

  static async create(
    service: TokenService,
    messages: readonly unknown[],
    opts: { encodings?: readonly BpeEncoding[]; signal?: AbortSignal } = {},
  ): Promise<ConversationTokenLedger> {
    const result = await service.count(messages, opts)
    return new ConversationTokenLedger(service, result.encodings, result.messages, result.totals)
  }

  get messages(): readonly MessageTokens[] {
    return this.counts
  }

  get totals(): TokenTotals {
    return structuredClone(this.sums)
  }

  /** Message `index` was edited. */
  replace(index: number, message: unknown, signal?: AbortSignal): Promise<MessageTokens> {
    return this.inOrder(async () => {
      this.checkIndex(index, this.counts.length)
      const tokens = await this.countOne(message, signal)
      addTokens(this.sums, this.counts[index], this.encodings, -1)
      this.counts[index] = tokens
      addTokens(this.sums, tokens, this.encodings, 1)
      return tokens
    })
  }

  /** A message was inserted before `index` (`index` = length appends). */
  insert(index: number, message: unknown, signal?: AbortSignal): Promise<MessageTokens> {
    return this.inOrder(async () => {
      this.checkIndex(index, this.counts.length + 1)
      const tokens = await this.countOne(message, signal)
      this.counts.splice(index, 0, tokens)
      addTokens(this.sums, tokens, this.encodings, 1)
      return tokens
    })
  }

  /** `count` messages from `index` were deleted. */
  remove(index: number, count = 1): Promise<void> {
    return this.inOrder(async () => {
      this.checkIndex(index, this.counts.length)
      for (const tokens of this.counts.splice(index, count)) addTokens(this.sums, tokens, this.encodings, -1)
    })
  }

  private inOrder<T>(edit: () => Promise<T>): Promise<T> {
    const result = this.tail.then(edit)
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Recomputes the totals from the per-message counts (what the incremental ones must equal). */
  recomputedTotals(): TokenTotals {
    return sumTokens(this.counts, this.encodings)
  }

  private countOne(message: unknown, signal?: AbortSignal): Promise<MessageTokens> {
    return this.service.countMessage(message, { encodings: this.encodings, signal })
  }

  private checkIndex(index: number, limit: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= limit)
      throw new RangeError(`message index ${index} out of range (${this.counts.length} messages)`)
  }
}
