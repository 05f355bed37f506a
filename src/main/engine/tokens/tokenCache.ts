import type { BpeEncoding, MessageTokens } from './messageTokens'

/**
 * Counts by content hash, least recently used dropped first. An entry serves a request when it holds every
 * encoding asked for; counting more encodings later merges into it.
 */
export class TokenCache {
  private readonly entries = new Map<string, MessageTokens>()

  constructor(readonly capacity = 200_000) {}

  get size(): number {
    return this.entries.size
  }

  get(key: string, encodings: readonly BpeEncoding[]): MessageTokens | undefined {
    const entry = this.entries.get(key)
    if (!entry || !encodings.every((encoding) => entry[encoding] !== undefined)) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  set(key: string, tokens: MessageTokens): MessageTokens {
    const merged = { ...this.entries.get(key), ...tokens }
    this.entries.delete(key)
    this.entries.set(key, merged)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string)
    return merged
  }

  clear(): void {
    this.entries.clear()
  }
}
