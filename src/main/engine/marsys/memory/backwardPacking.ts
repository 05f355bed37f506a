/**
 * MARSYS's sliding-window retrieval (`BackwardPackingRetrieval`, spec §6.3), reproduced quirks included, because
 * the inspector must show the window MARSYS would really have sent.
 */
import type { TokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import type { ManagedMemoryConfig } from './managedConfig'
import type { LlmDict } from './llmDict'
import type { Message } from './message'

export interface PackedWindow {
  /** The window, in chronological order. */
  messages: LlmDict[]
  /** Index of each window message in the input. */
  indices: number[]
  totalTokens: number
  target: number
  /** The newest message alone exceeded the target and was kept anyway. */
  overBudgetSingle: boolean
  /**
   * Index of a tool message that ended up in the window without the assistant message that called it: MARSYS
   * stops packing when the rest of the bundle does not fit, or when the backward scan runs off the start, but
   * keeps the tool message it already took. Null when there is none.
   */
  orphanToolIndex: number | null
}

/** `int(int(compaction_target_tokens) * (1 - headroom))` when headroom > 0 — 81 000 by default. */
export function slidingWindowTarget(config: ManagedMemoryConfig): number {
  const target = config.compactionTargetTokens
  const headroom = config.activeContext.slidingWindow.headroomPercent
  return headroom > 0 ? Math.trunc(target * (1 - headroom)) : target
}

export type Bundle = { indices: number[]; next: number; tokens: number } | null

/**
 * From just before a packed tool message, walk back over sibling tool results and user messages to the assistant
 * message whose tool_calls started them (MARSYS's `_include_tool_bundle_backward`, shared by the sliding window and
 * the compaction packer). Null when something does not fit or the start of the list is reached.
 */
export function toolBundleBackward(
  start: number,
  dicts: LlmDict[],
  counts: number[],
  target: number,
  runningTotal: number,
): Bundle {
  let tokens = runningTotal
  const indices: number[] = []
  for (let j = start; j >= 0; j--) {
    // The budget is checked before the role, so even an assistant without tool_calls that would not be taken
    // can make the bundle fail.
    if (tokens + counts[j] > target) return null
    const role = dicts[j].role
    if (role === 'tool' || role === 'user') {
      indices.push(j)
      tokens += counts[j]
      continue
    }
    if (role === 'assistant' && dicts[j].tool_calls && dicts[j].tool_calls!.length > 0) {
      indices.push(j)
      return { indices, next: j - 1, tokens: tokens + counts[j] }
    }
    // An assistant without tool_calls, or any other role: the bundle ends here and packing resumes with it.
    return { indices, next: j, tokens }
  }
  return null
}

/** Packs messages newest-first into `target` tokens, MARSYS's way. */
export function backwardPack(dicts: LlmDict[], target: number, counter: TokenCounter): PackedWindow {
  const counts = dicts.map((d) => counter.countMessage(d))
  const picked: number[] = []
  let total = 0
  let overBudgetSingle = false
  let orphanToolIndex: number | null = null
  let i = dicts.length - 1
  while (i >= 0) {
    if (total + counts[i] > target) {
      if (picked.length === 0 && i === dicts.length - 1) {
        picked.push(i)
        total += counts[i]
        overBudgetSingle = true
      }
      break
    }
    picked.push(i)
    total += counts[i]
    if (dicts[i].role !== 'tool') {
      i--
      continue
    }
    const bundle = toolBundleBackward(i - 1, dicts, counts, target, total)
    if (bundle === null) {
      orphanToolIndex = i
      break
    }
    picked.push(...bundle.indices)
    i = bundle.next
    total = bundle.tokens
  }
  const indices = picked.reverse()
  return {
    messages: indices.map((k) => dicts[k]),
    indices,
    totalTokens: total,
    target,
    overBudgetSingle,
    orphanToolIndex,
  }
}

/** A snapshot of a managed memory for the strategies (MARSYS `MemoryState`). */
export interface MemoryState {
  rawMessages: readonly Message[]
  estimatedTokens: number
  messagesSinceLastRetrieval: number
  tokensSinceLastRetrieval: number
  lastRetrievalIndex: number
  /** A copy: what a strategy writes here is lost, as in MARSYS. */
  metadata: Record<string, unknown>
}

export interface TriggerStrategy {
  shouldTriggerOnAdd(state: MemoryState, config: ManagedMemoryConfig): boolean
  shouldTriggerOnRetrieve(state: MemoryState, config: ManagedMemoryConfig): boolean
}

export interface RetrievalStrategy {
  retrieve(
    state: MemoryState,
    config: ManagedMemoryConfig,
    counter: TokenCounter,
    toLlmDict: (m: Message) => LlmDict,
  ): LlmDict[]
}

/** Fires when the estimated total is strictly above threshold_tokens; its only effect is invalidating the cache. */
export class SimpleThresholdTrigger implements TriggerStrategy {
  shouldTriggerOnAdd(state: MemoryState, config: ManagedMemoryConfig): boolean {
    return state.estimatedTokens > config.thresholdTokens
  }

  shouldTriggerOnRetrieve(state: MemoryState, config: ManagedMemoryConfig): boolean {
    return state.estimatedTokens > config.thresholdTokens
  }
}

export class BackwardPackingRetrieval implements RetrievalStrategy {
  retrieve(
    state: MemoryState,
    config: ManagedMemoryConfig,
    counter: TokenCounter,
    toLlmDict: (m: Message) => LlmDict,
  ): LlmDict[] {
    const window = backwardPack(state.rawMessages.map(toLlmDict), slidingWindowTarget(config), counter)
    if (window.overBudgetSingle) state.metadata.over_budget_single = true
    state.metadata.curated_count = window.messages.length
    state.metadata.curated_tokens = window.totalTokens
    state.metadata.excluded_count = state.rawMessages.length - window.messages.length
    return window.messages
  }
}
