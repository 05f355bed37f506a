/** The panel's compaction settings as MARSYS's config, and a simulation as the panel shows it. */
import type { CompactionSettings, SimulationView } from '../../shared/domains/summaries/contract'
import { COMPACTION_PROCESSORS, type CompactionProcessor } from '../../shared/domains/summaries/contract'
import { DefaultTokenCounter } from '../../shared/tokens/marsysTokenCounter'
import type { CompactionSimulation } from '../engine/compaction/simulate'
import type { WireMessage } from '../engine/compaction/types'
import { ManagedMemoryConfig } from '../engine/marsys/memory/managedConfig'
import { clip, textOf } from '../engine/summaries/messageText'

const PREVIEW_CHARS = 160

/** MARSYS's defaults in the panel's fields. */
export function defaultCompactionSettings(): CompactionSettings {
  const config = new ManagedMemoryConfig()
  const policy = config.activeContext
  const known = (names: readonly string[]) =>
    names.filter((n): n is CompactionProcessor => (COMPACTION_PROCESSORS as readonly string[]).includes(n))
  const order = known(policy.processorOrder)
  return {
    threshold_tokens: config.thresholdTokens,
    target_ratio: Math.round((1 - policy.minReductionRatio) * 1000) / 1000,
    max_tool_message_tokens: policy.toolTruncation.maxToolMessageTokens,
    tool_truncation_grace: policy.toolTruncation.graceRecentMessages,
    summarization_grace: policy.summarization.graceRecentMessages,
    backward_packing_grace: policy.backwardPacking.graceRecentMessages,
    processor_order: [...order, ...COMPACTION_PROCESSORS.filter((p) => !order.includes(p))],
    excluded_processors: known(policy.excludedProcessors),
  }
}

/**
 * The settings as MARSYS's ManagedMemoryConfig input, snake_case (MARSYS derives the target as
 * threshold × (1 − min_reduction_ratio)).
 */
export function compactionConfigInput(settings: CompactionSettings): Record<string, unknown> {
  return {
    threshold_tokens: settings.threshold_tokens,
    active_context: {
      processor_order: [...new Set(settings.processor_order)],
      excluded_processors: [...new Set(settings.excluded_processors)],
      min_reduction_ratio: 1 - settings.target_ratio,
      tool_truncation: {
        max_tool_message_tokens: settings.max_tool_message_tokens,
        grace_recent_messages: settings.tool_truncation_grace,
      },
      summarization: { grace_recent_messages: settings.summarization_grace },
      backward_packing: { grace_recent_messages: settings.backward_packing_grace },
    },
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** One line: the message's text, or the tools it calls. */
function preview(message: WireMessage): string {
  let text = textOf(message.content).replace(/\s+/g, ' ').trim()
  if (!text && Array.isArray(message.tool_calls)) {
    const names = message.tool_calls
      .filter(isRecord)
      .map((call) => (isRecord(call.function) ? String(call.function.name) : '?'))
    text = `calls ${names.join(', ')}`
  }
  return clip(text, PREVIEW_CHARS)
}

function messageView(message: WireMessage, counter: DefaultTokenCounter) {
  return {
    role: typeof message.role === 'string' ? message.role : '?',
    preview: preview(message),
    tokens: counter.countMessage(message),
  }
}

/**
 * The simulation with document positions: `positions[i]` is the document position of simulated message i (a
 * document entry that is not an object is not a message MARSYS loads and is left out, as its loader does).
 */
export function simulationView(
  simulation: CompactionSimulation,
  messages: readonly WireMessage[],
  positions: readonly number[],
  revision: number,
): SimulationView {
  const counter = new DefaultTokenCounter()
  const at = (indices: number[]) => indices.map((i) => positions[i])
  return {
    revision,
    triggered: simulation.triggered,
    notTriggeredReason: simulation.notTriggeredReason,
    thresholdTokens: simulation.thresholdTokens,
    targetTokens: simulation.targetTokens,
    tokensBefore: simulation.tokensBefore,
    tokensAfter: simulation.tokensAfter,
    stages: simulation.stages.map((stage) => ({
      name: stage.name,
      ran: stage.ran,
      skippedReason: stage.skippedReason,
      error: stage.error,
      tokensBefore: stage.tokensBefore,
      tokensAfter: stage.tokensAfter,
      messagesBefore: stage.messagesBefore,
      messagesAfter: stage.messagesAfter,
      modified: at(stage.modified),
      removed: at(stage.removed),
      inserted: stage.inserted,
    })),
    before: messages.map((message, i) => ({ ...messageView(message, counter), position: positions[i] })),
    after: simulation.messages.map((message, i) => {
      const origin = simulation.origins[i]
      return {
        ...messageView(message, counter),
        origin: origin === null ? null : positions[origin],
        json: origin === null ? JSON.stringify(message) : null,
      }
    }),
    warnings: simulation.warnings,
  }
}
