/** The compaction pipeline as the Compactor a ManagedConversationMemory takes, so `compactIfNeeded` works. */
import type { LlmDict } from '../marsys/memory/llmDict'
import type { Compactor } from '../marsys/memory/managedMemory'
import { runPipeline } from './pipeline'
import type { CompactionModel, WireMessage } from './types'

/**
 * `model` summarises (null: MARSYS without a compaction model). The runtime's `compactionModelName`, when given,
 * names the summary message as MARSYS's runtime does. `compactForPayloadError` is not provided.
 */
export function createMarsysCompactor(model: CompactionModel | null): Compactor {
  return {
    async compact({ messages, config, tokenCounter, runtime }) {
      const name = runtime.compactionModelName
      const named = model && name ? { name, complete: model.complete.bind(model) } : model
      const run = await runPipeline(
        messages.map((m) => structuredClone(m) as unknown as WireMessage),
        {
          config,
          counter: tokenCounter,
          model: named,
          agentInstruction: runtime.agentInstruction ?? null,
          provider: runtime.provider ?? null,
        },
      )
      return {
        messages: run.messages as unknown as LlmDict[],
        // MARSYS records processors and the forced fallback; its user-message guard leaves no trace.
        stages: run.steps.filter((s) => s.name !== 'user_injection').map((s) => s.metadata),
      }
    },
  }
}
