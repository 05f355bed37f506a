import { ManagedMemoryConfig } from '../marsys/memory/managedConfig'
import { REPLY_PRIMING_TOKENS } from './chatTokenRule'
import type { MessageTokens } from './messageTokens'
import type { ModelInfo } from './modelTable'
import { countedIn, messageTotal } from './usageAnalysis'

/** Where a model's context window goes, in the model's encoding. */
export interface BudgetSegments {
  /** System messages (their images excluded). */
  systemPrompt: number
  /** Tool schemas sent with the request: not stored in memory files, so only what the caller passes. */
  toolDefinitions: number
  /** Tool calls and tool results. */
  toolCalls: number
  /** Every other message's text and framing, plus the reply priming. */
  messages: number
  images: number
}

export interface ContextBudget {
  model: string
  encoding: ModelInfo['encoding']
  contextWindow: number
  segments: BudgetSegments
  used: number
  /** Window minus used; negative when the conversation no longer fits. */
  remaining: number
  usedFraction: number
  overWindow: boolean
  marsys: {
    /** MARSYS's DefaultTokenCounter total. */
    total: number
    thresholdTokens: number
    compactionTargetTokens: number
    /** Compaction is enabled in compaction mode and the total is strictly over the threshold. */
    wouldCompact: boolean
  }
}

export interface BudgetOptions {
  /** The file's managed-memory configuration (default MARSYS's: threshold 150,000). */
  managedConfig?: ManagedMemoryConfig
  toolDefinitionTokens?: number
}

const COMPACTION_MODES = new Set(['compaction', 'destructive_compaction'])

export function contextBudget(
  messages: readonly MessageTokens[],
  model: ModelInfo,
  opts: BudgetOptions = {},
): ContextBudget {
  const config = opts.managedConfig ?? new ManagedMemoryConfig()
  const segments: BudgetSegments = {
    systemPrompt: 0,
    toolDefinitions: opts.toolDefinitionTokens ?? 0,
    toolCalls: 0,
    messages: REPLY_PRIMING_TOKENS,
    images: 0,
  }
  let marsysTotal = 0
  for (const tokens of messages) {
    marsysTotal += messageTotal(tokens, 'marsys')
    const counted = countedIn(tokens, model.encoding)
    segments.images += counted.images
    if (tokens.role === 'system') segments.systemPrompt += counted.total - counted.images
    else {
      segments.toolCalls += counted.toolCalls + counted.toolResults
      segments.messages += counted.text + counted.overhead
    }
  }
  const used = Object.values(segments).reduce((sum, n) => sum + n, 0)
  const policy = config.activeContext
  return {
    model: model.id,
    encoding: model.encoding,
    contextWindow: model.contextWindow,
    segments,
    used,
    remaining: model.contextWindow - used,
    usedFraction: used / model.contextWindow,
    overWindow: used > model.contextWindow,
    marsys: {
      total: marsysTotal,
      thresholdTokens: config.thresholdTokens,
      compactionTargetTokens: config.compactionTargetTokens,
      wouldCompact:
        policy.enabled && COMPACTION_MODES.has(policy.mode) && marsysTotal > config.thresholdTokens,
    },
  }
}
