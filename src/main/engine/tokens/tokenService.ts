import { hash } from 'node:crypto'
import { REPLY_PRIMING_TOKENS, emptyKindTokens, KINDS, type KindTokens } from './chatTokenRule'
import type { BpeEncoding, MessageTokens } from './messageTokens'
import { TokenCache } from './tokenCache'
import { TokenWorkerError, TokenWorkerPool, type TokenWorkerPoolOptions } from './tokenWorkerPool'
import { yieldToEventLoop } from '../eventLoop'

/** Messages as their JSON text (e.g. a MARSYS file's exact message bytes, decoded as UTF-8). */
export interface MessageTextList {
  readonly length: number
  text(index: number): string
}

/** Plain decoded messages, or their JSON texts. */
export type MessageInput = readonly unknown[] | MessageTextList

export interface TokenProgress {
  /** Messages with a count so far (from the cache or a worker). */
  done: number
  total: number
  /** Of `done`, how many came from the cache. */
  cached: number
}

export interface CountOptions {
  /** BPE encodings to count (default none: MARSYS and langswarm figures only). */
  encodings?: readonly BpeEncoding[]
  signal?: AbortSignal
  onProgress?: (progress: TokenProgress) => void
}

export interface TokenTotals {
  marsys: number
  langswarm: number
  /** Sums by kind over the messages; `overhead` and `total` include the reply priming. */
  o200k_base?: KindTokens
  cl100k_base?: KindTokens
}

export interface ConversationTokens {
  encodings: BpeEncoding[]
  messages: MessageTokens[]
  totals: TokenTotals
}

export interface TokenServiceStats {
  /** Messages sent to a worker to be counted. */
  counted: number
  /** Messages answered from the cache. */
  cacheHits: number
}

export interface TokenServiceOptions extends TokenWorkerPoolOptions {
  /** Cache entries kept (default 200,000 messages). */
  cacheSize?: number
}

/** Text sent to a worker per batch: small enough for steady progress and prompt cancel. */
const BATCH_CHARS = 256 * 1024
/** Longest stretch of main-thread work (hashing, cache look-ups) before yielding to the event loop. */
const SLICE_MS = 8

const isTextList = (input: MessageInput): input is MessageTextList =>
  !Array.isArray(input) && typeof (input as MessageTextList).text === 'function'

export const textListOf = (input: MessageInput): MessageTextList =>
  isTextList(input)
    ? input
    : { length: input.length, text: (i) => JSON.stringify((input as readonly unknown[])[i]) ?? 'null' }

/** The cache key of a message: a hash of its JSON text. */
export const messageKey = (text: string): string => hash('sha1', text, 'base64')

/**
 * Token counts for conversations, shared by the app and the CLI. BPE runs in worker threads; the main thread
 * only hashes message texts (in short slices) and looks them up in a content-hash cache, so a second count of a
 * conversation — or of one edited message — costs only what changed.
 */
export class TokenService {
  private readonly pool: TokenWorkerPool
  private readonly cache: TokenCache
  private readonly counters: TokenServiceStats = { counted: 0, cacheHits: 0 }

  constructor(opts: TokenServiceOptions = {}) {
    this.pool = new TokenWorkerPool(opts)
    this.cache = new TokenCache(opts.cacheSize)
  }

  get stats(): TokenServiceStats {
    return { ...this.counters }
  }

  get poolSize(): number {
    return this.pool.size
  }

  async count(input: MessageInput, opts: CountOptions = {}): Promise<ConversationTokens> {
    const encodings = [...new Set(opts.encodings ?? [])]
    const list = textListOf(input)
    const total = list.length
    const messages: MessageTokens[] = new Array<MessageTokens>(total)
    const progress: TokenProgress = { done: 0, total, cached: 0 }
    const batches: Promise<void>[] = []
    // Texts sent to a worker in this count, with every message index that has that text: a repeated message
    // (the same tool result, a re-sent prompt) is counted once.
    const sent = new Map<string, number[]>()
    let batch: { key: string; text: string }[] = []
    let batchChars = 0

    const send = (): void => {
      const items = batch
      batch = []
      batchChars = 0
      this.counters.counted += items.length
      const texts = items.map((item) => item.text)
      batches.push(
        this.pool.run({ encodings, texts }, opts.signal).then(
          (counts) => {
            counts.forEach((tokens, k) => {
              const merged = this.cache.set(items[k].key, tokens)
              const indices = sent.get(items[k].key) as number[]
              // Later copies are answered by the cache, or sent again if it has dropped this entry already.
              sent.delete(items[k].key)
              for (const index of indices) messages[index] = merged
              progress.done += indices.length
            })
            opts.onProgress?.({ ...progress })
          },
          (error: unknown) => {
            if (error instanceof TokenWorkerError && error.index !== undefined) {
              const [index] = sent.get(items[error.index].key) as number[]
              throw new Error(`message ${index}: ${error.message}`)
            }
            throw error
          },
        ),
      )
    }

    let sliceStart = performance.now()
    try {
      for (let i = 0; i < total; i++) {
        opts.signal?.throwIfAborted()
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop()
          opts.signal?.throwIfAborted()
          sliceStart = performance.now()
        }
        const text = list.text(i)
        const key = messageKey(text)
        const hit = this.cache.get(key, encodings)
        if (hit) {
          messages[i] = hit
          this.counters.cacheHits++
          progress.done++
          progress.cached++
          continue
        }
        const same = sent.get(key)
        if (same) {
          same.push(i)
          continue
        }
        sent.set(key, [i])
        batch.push({ key, text })
        batchChars += text.length
        if (batchChars >= BATCH_CHARS) send()
      }
      if (batch.length > 0) send()
    } catch (error) {
      // Cancelled while batches are out: their rejections are expected, not unhandled.
      void Promise.allSettled(batches)
      throw error
    }
    if (progress.cached > 0) opts.onProgress?.({ ...progress })
    await settleAll(batches)
    opts.signal?.throwIfAborted()
    return { encodings, messages, totals: sumTokens(messages, encodings) }
  }

  /** One message, e.g. after an edit (a cache hit when its text was counted before). */
  async countMessage(message: unknown, opts: CountOptions = {}): Promise<MessageTokens> {
    const result = await this.count([message], opts)
    return result.messages[0]
  }

  /** Starts the workers and loads the encodings ahead of the first count (e.g. when a file opens). */
  warmUp(encodings: readonly BpeEncoding[]): Promise<void> {
    return this.pool.warmUp([...encodings])
  }

  close(): Promise<void> {
    return this.pool.close()
  }
}

/** Like Promise.all, but waits for every batch before rejecting, so nothing settles after the caller moved on. */
async function settleAll(batches: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(batches)
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
}

export function sumTokens(
  messages: readonly MessageTokens[],
  encodings: readonly BpeEncoding[],
): TokenTotals {
  const totals: TokenTotals = { marsys: 0, langswarm: 0 }
  for (const encoding of encodings) {
    const sum = emptyKindTokens()
    sum.overhead = sum.total = REPLY_PRIMING_TOKENS
    totals[encoding] = sum
  }
  for (const message of messages) addTokens(totals, message, encodings, 1)
  return totals
}

/** Adds (sign 1) or removes (sign -1) one message's figures from totals. */
export function addTokens(
  totals: TokenTotals,
  message: MessageTokens,
  encodings: readonly BpeEncoding[],
  sign: 1 | -1,
): void {
  totals.marsys += sign * (message.marsys ?? 0)
  totals.langswarm += sign * message.langswarm
  for (const encoding of encodings) {
    const sum = totals[encoding]
    const add = message[encoding]
    if (!sum || !add) continue
    for (const kind of KINDS) sum[kind] += sign * add[kind]
    sum.total += sign * add.total
  }
}
