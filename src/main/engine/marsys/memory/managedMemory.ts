/** MARSYS's `ManagedConversationMemory` (`memory_type="managed_conversation"`, spec §6). */
import { DefaultTokenCounter, type TokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import {
  BackwardPackingRetrieval,
  type MemoryState,
  type PackedWindow,
  type RetrievalStrategy,
  SimpleThresholdTrigger,
  type TriggerStrategy,
  backwardPack,
  slidingWindowTarget,
} from './backwardPacking'
import { MessageError } from './marsysErrors'
import { ManagedMemoryConfig, type TokenCounterInput, tokenCounterFrom } from './managedConfig'
import {
  type AddFields,
  BaseMemory,
  type MemoryOptions,
  type ReplaceFields,
  type UpdateFields,
  checkIndex,
  lastN,
  messageFrom,
  updatedMessage,
} from './memoryBase'
import type { JsonValue } from './jsonValue'
import type { LlmDict } from './llmDict'
import { Message } from './message'

const INDEX_ERROR = 'Index out of range'

/** Exactly the keys MARSYS's `get_cache_stats()` returns. */
export interface CacheStats {
  cache_valid: boolean
  cached_count: number
  raw_count: number
  estimated_total_tokens: number
  messages_since_last_retrieval: number
  tokens_since_last_retrieval: number
}

/** What `compact_if_needed` hands a compactor (MARSYS's `runtime` dict). */
export interface CompactionRuntime {
  agentInstruction?: string | null
  compactionModelName?: string | null
  provider?: string | null
  [key: string]: unknown
}

export interface CompactionRequest {
  /** The raw messages as LLM dicts. */
  messages: LlmDict[]
  config: ManagedMemoryConfig
  tokenCounter: TokenCounter
  runtime: CompactionRuntime
}

export interface CompactionOutcome {
  /** The rewritten history; the memory is rebuilt from these dicts. */
  messages: LlmDict[]
  /** Per-processor metadata, recorded in `metadata.last_compaction.stages`. */
  stages: Array<Record<string, unknown>>
}

/**
 * The compaction processor chain (tool truncation, summarisation, backward packing — spec §6.4). Not part of
 * this module: a later piece implements it; without one, `compactIfNeeded` does nothing.
 */
export interface Compactor {
  compact(request: CompactionRequest): Promise<CompactionOutcome>
  /** After a provider "request too large" error; null when it could not reduce the payload. */
  compactForPayloadError?(request: CompactionRequest): Promise<CompactionOutcome | null>
}

export interface ManagedMemoryOptions extends MemoryOptions {
  config?: ManagedMemoryConfig
  triggerStrategy?: TriggerStrategy
  retrievalStrategy?: RetrievalStrategy
  compactor?: Compactor
  /**
   * Takes precedence over `config.token_counter`. MARSYS's MemoryManager writes its token_counter argument into
   * the (possibly shared) config object; passing it here instead leaves the config alone.
   */
  tokenCounter?: TokenCounterInput | null
  /** Accepted and ignored, as in MARSYS: the Agent rebuilds its system prompt every step. */
  description?: string | null
}

/**
 * Raw history plus token accounting. In the default "compaction" mode retrieval returns every raw message; in
 * "sliding_window" mode (or with active context disabled) it returns MARSYS's backward-packed window and, like
 * MARSYS, retrieving mutates the cache counters.
 *
 * Deliberate difference from MARSYS: `update` keeps tool_call_id, structured_data, reasoning_details and
 * response_metadata (MARSYS drops them).
 */
export class ManagedConversationMemory extends BaseMemory {
  readonly memoryType = 'managed_conversation' as const
  readonly config: ManagedMemoryConfig
  readonly tokenCounter: TokenCounter
  readonly triggerStrategy: TriggerStrategy
  readonly retrievalStrategy: RetrievalStrategy
  metadata: Record<string, unknown> = {}
  private rawMessages: Message[] = []
  private readonly compactor: Compactor | null
  private cachedContext: LlmDict[] | null = null
  private cacheValid = false
  private lastRetrievalIndex = 0
  private estimatedTotalTokens = 0
  private tokensSinceLastRetrieval = 0
  private messagesSinceLastRetrieval = 0

  constructor(opts: ManagedMemoryOptions = {}) {
    super(opts)
    this.config = opts.config ?? new ManagedMemoryConfig()
    this.triggerStrategy = opts.triggerStrategy ?? new SimpleThresholdTrigger()
    this.retrievalStrategy = opts.retrievalStrategy ?? new BackwardPackingRetrieval()
    this.compactor = opts.compactor ?? null
    this.tokenCounter =
      tokenCounterFrom(opts.tokenCounter) ??
      this.config.tokenCounter ??
      new DefaultTokenCounter({ imageTokenEstimate: this.config.imageTokenEstimate })
  }

  add(input: Message | AddFields): string {
    const message = messageFrom(input, 'add')
    this.rawMessages.push(message)
    const tokens = this.count(message)
    this.estimatedTotalTokens += tokens
    this.tokensSinceLastRetrieval += tokens
    this.messagesSinceLastRetrieval += 1
    if (this.config.cacheInvalidationEvents.includes('add')) this.cacheValid = false
    if (
      this.config.triggerEvents.includes('add') &&
      this.triggerStrategy.shouldTriggerOnAdd(this.state(), this.config)
    ) {
      this.cacheValid = false
    }
    return message.messageId
  }

  /** The messages for the LLM: all raw messages in compaction mode, else the (cached) sliding window. */
  override getMessages(): LlmDict[] {
    let mode = this.config.activeContext.mode
    if (mode === 'destructive_compaction') {
      this.warn('mode="destructive_compaction" is deprecated, use mode="compaction"')
      mode = 'compaction'
    }
    if (mode === 'compaction' && this.config.activeContext.enabled)
      return this.rawMessages.map((m) => this.toLlmDict(m))

    if (
      this.config.triggerEvents.includes('get_messages') &&
      this.triggerStrategy.shouldTriggerOnRetrieve(this.state(), this.config)
    ) {
      this.cacheValid = false
    }
    if (this.cacheValid && this.cachedContext !== null) {
      // Messages added since the window was computed are appended without any budget check.
      return [
        ...this.cachedContext,
        ...this.rawMessages.slice(this.lastRetrievalIndex).map((m) => this.toLlmDict(m)),
      ]
    }
    return this.retrieveCuratedContext()
  }

  retrieveAll(): LlmDict[] {
    return this.getMessages()
  }

  retrieveRecent(n = 1): LlmDict[] {
    return lastN(this.rawMessages, n).map((m) => this.toLlmDict(m))
  }

  /** @throws MessageError for an unknown id. Always invalidates the cache. */
  update(messageId: string, fields: UpdateFields): void {
    const i = this.rawMessages.findIndex((m) => m.messageId === messageId)
    if (i < 0) throw new MessageError(`Message ${messageId} not found`, { messageId })
    const updated = updatedMessage(this.rawMessages[i], fields)
    this.estimatedTotalTokens += this.count(updated) - this.count(this.rawMessages[i])
    this.rawMessages[i] = updated
    this.cacheValid = false
  }

  removeById(messageId: string): boolean {
    const i = this.rawMessages.findIndex((m) => m.messageId === messageId)
    if (i < 0) return false
    this.estimatedTotalTokens -= this.count(this.rawMessages[i])
    this.rawMessages.splice(i, 1)
    if (this.config.cacheInvalidationEvents.includes('remove_by_id')) this.cacheValid = false
    return true
  }

  /** Always invalidates the cache. */
  replaceMemory(idx: number, input: Message | ReplaceFields): void {
    checkIndex(idx, this.rawMessages.length, INDEX_ERROR)
    const replacement = messageFrom(input, 'replace_memory')
    this.estimatedTotalTokens += this.count(replacement) - this.count(this.rawMessages[idx])
    this.rawMessages[idx] = replacement
    this.cacheValid = false
  }

  deleteMemory(idx: number): void {
    checkIndex(idx, this.rawMessages.length, INDEX_ERROR)
    this.estimatedTotalTokens -= this.count(this.rawMessages[idx])
    this.rawMessages.splice(idx, 1)
    if (this.config.cacheInvalidationEvents.includes('delete_memory')) this.cacheValid = false
  }

  retrieveById(messageId: string): LlmDict | null {
    const message = this.rawMessages.find((m) => m.messageId === messageId)
    return message ? this.toLlmDict(message) : null
  }

  /** Same quirk as ConversationMemory: a negative n drops the first |n| matches. */
  retrieveByRole(role: string, n?: number | null): LlmDict[] {
    const filtered = this.rawMessages.filter((m) => m.role === role)
    return (n ? filtered.slice(-n) : filtered).map((m) => this.toLlmDict(m))
  }

  /** Clears messages, cache, counters and metadata; keeps nothing (no system message either). */
  resetMemory(): void {
    this.rawMessages = []
    this.cachedContext = null
    this.cacheValid = false
    this.lastRetrievalIndex = 0
    this.estimatedTotalTokens = 0
    this.tokensSinceLastRetrieval = 0
    this.messagesSinceLastRetrieval = 0
    this.metadata = {}
    this.emitReset()
  }

  getRawMessages(): Message[] {
    return [...this.rawMessages]
  }

  getStoredMessages(): readonly Message[] {
    return this.getRawMessages()
  }

  getCacheStats(): CacheStats {
    return {
      cache_valid: this.cacheValid,
      cached_count: this.cachedContext ? this.cachedContext.length : 0,
      raw_count: this.rawMessages.length,
      estimated_total_tokens: this.estimatedTotalTokens,
      messages_since_last_retrieval: this.messagesSinceLastRetrieval,
      tokens_since_last_retrieval: this.tokensSinceLastRetrieval,
    }
  }

  /**
   * The sliding window MARSYS would compute now, with details (indices, orphan tool message), without touching
   * the cache or counters — for display.
   */
  previewSlidingWindow(): PackedWindow {
    const dicts = this.rawMessages.map((m) => this.toLlmDict(m))
    return backwardPack(dicts, slidingWindowTarget(this.config), this.tokenCounter)
  }

  /**
   * MARSYS's `compact_if_needed`: runs the compactor when active context is enabled, the mode is exactly
   * "compaction" (MARSYS does not accept the deprecated alias here) and the estimate is above threshold_tokens.
   * @returns whether the history was rewritten.
   */
  async compactIfNeeded(runtime: CompactionRuntime = {}): Promise<boolean> {
    const policy = this.config.activeContext
    if (!this.compactor || !policy.enabled || policy.mode !== 'compaction') return false
    if (this.estimatedTotalTokens <= this.config.thresholdTokens) return false
    const preTokens = this.estimatedTotalTokens
    const preMessages = this.rawMessages.length
    const outcome = await this.compactor.compact({
      messages: this.rawMessages.map((m) => this.toLlmDict(m)),
      config: this.config,
      tokenCounter: this.tokenCounter,
      runtime,
    })
    this.commitCompaction(outcome, preTokens, preMessages, {})
    return true
  }

  /**
   * MARSYS's `compact_for_payload_error`: delegated to the compactor (needs more than 3 messages, as in MARSYS).
   * @returns whether the history was rewritten.
   */
  async compactForPayloadError(runtime: CompactionRuntime = {}): Promise<boolean> {
    if (!this.compactor?.compactForPayloadError || this.rawMessages.length <= 3) return false
    const preTokens = this.estimatedTotalTokens
    const preMessages = this.rawMessages.length
    const outcome = await this.compactor.compactForPayloadError({
      messages: this.rawMessages.map((m) => this.toLlmDict(m)),
      config: this.config,
      tokenCounter: this.tokenCounter,
      runtime,
    })
    if (outcome === null) return false
    this.commitCompaction(outcome, preTokens, preMessages, { trigger: 'payload_error' })
    return true
  }

  private commitCompaction(
    outcome: CompactionOutcome,
    preTokens: number,
    preMessages: number,
    extra: Record<string, unknown>,
  ): void {
    this.rewriteFromLlmDicts(outcome.messages)
    this.metadata.last_compaction = {
      timestamp: this.now(),
      ...extra,
      stages: outcome.stages,
      pre_compaction_tokens: preTokens,
      pre_compaction_messages: preMessages,
      post_compaction_tokens: this.estimatedTotalTokens,
      post_compaction_messages: this.rawMessages.length,
    }
  }

  /**
   * Replaces the history with messages rebuilt from LLM dicts (new ids; only role, content, name, tool_calls,
   * tool_call_id and reasoning_details survive) and recomputes the token accounting, as MARSYS does after
   * compaction.
   */
  rewriteFromLlmDicts(dicts: readonly LlmDict[]): void {
    this.rawMessages = dicts.map(
      (d) =>
        new Message({
          role: d.role ?? 'assistant',
          content: d.content ?? null,
          name: d.name ?? null,
          toolCalls: (d.tool_calls ?? null) as JsonValue[] | null,
          toolCallId: d.tool_call_id ?? null,
          reasoningDetails: d.reasoning_details ?? null,
        }),
    )
    this.estimatedTotalTokens = this.rawMessages.reduce((sum, m) => sum + this.count(m), 0)
    this.messagesSinceLastRetrieval = 0
    this.tokensSinceLastRetrieval = 0
    this.lastRetrievalIndex = this.rawMessages.length
    this.cacheValid = false
  }

  private retrieveCuratedContext(): LlmDict[] {
    const curated = this.retrievalStrategy.retrieve(this.state(), this.config, this.tokenCounter, (m) =>
      this.toLlmDict(m),
    )
    this.cachedContext = curated
    this.cacheValid = true
    this.lastRetrievalIndex = this.rawMessages.length
    this.messagesSinceLastRetrieval = 0
    this.tokensSinceLastRetrieval = 0
    return curated
  }

  private state(): MemoryState {
    return {
      rawMessages: this.rawMessages,
      estimatedTokens: this.estimatedTotalTokens,
      messagesSinceLastRetrieval: this.messagesSinceLastRetrieval,
      tokensSinceLastRetrieval: this.tokensSinceLastRetrieval,
      lastRetrievalIndex: this.lastRetrievalIndex,
      metadata: { ...this.metadata },
    }
  }

  private count(message: Message): number {
    return this.tokenCounter.countMessage(this.toLlmDict(message))
  }
}
