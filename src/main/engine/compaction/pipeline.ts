/**
 * MARSYS's compaction run (`ManagedConversationMemory._run_compaction`, spec §6.4): the processors in order, each
 * but the last only when its estimated saving is at least `min_reduction_ratio` of the threshold, then the guards
 * (at least two messages, at least one user message) and the rewrite of the history.
 */
import { backwardPacking } from './backwardPackingStage'
import { buildCompactionPayload, buildUserRollup } from './compactionPayload'
import { CompactionModelError, runCompactionModel } from './modelCall'
import {
  HARD_FALLBACK_TEXT,
  compactedSummaryMessage,
  replyField,
  truthy,
  userRequestsMessage,
} from './summaryMessages'
import { summarization } from './summarization'
import { toolTruncation } from './toolTruncation'
import type { CompactionContext, CompactionProcessor, StageMetadata, WireMessage } from './types'

/** Processor names MARSYS accepts, aliases included. */
export const PROCESSOR_REGISTRY: Readonly<Record<string, CompactionProcessor>> = {
  tool_truncation: toolTruncation,
  summarization,
  backward_packing: backwardPacking,
  tool_response_truncation: toolTruncation,
  model_compaction: summarization,
}

/** One step of a run: a processor (run, skipped or failed) or a guard that had to act. */
export interface PipelineStep {
  name: string
  /** The processor's reduce ran and did not report itself skipped; a guard step always ran. */
  ran: boolean
  metadata: StageMetadata
  input: WireMessage[]
  /** Each input message's JSON before the step ran (processors may change messages in place). */
  inputJson: string[]
  output: WireMessage[]
}

export interface PipelineRun {
  messages: WireMessage[]
  steps: PipelineStep[]
  /** Processor names given but unknown to MARSYS (skipped with a warning there). */
  unknownProcessors: string[]
}

const snapshot = (messages: readonly WireMessage[]): string[] => messages.map((m) => JSON.stringify(m))

const hasUser = (messages: readonly WireMessage[]): boolean => messages.some((m) => m.role === 'user')

/** The processors `processor_order` selects, minus excluded and unknown names. */
export function selectProcessors(ctx: CompactionContext): {
  processors: CompactionProcessor[]
  unknown: string[]
} {
  const policy = ctx.config.activeContext
  const processors: CompactionProcessor[] = []
  const unknown: string[] = []
  for (const name of policy.processorOrder) {
    if (policy.excludedProcessors.includes(name)) continue
    const processor = PROCESSOR_REGISTRY[name]
    if (processor) processors.push(processor)
    else unknown.push(name)
  }
  return { processors, unknown }
}

/** `_forced_summarization_fallback`: a summary of everything from the model, else a placeholder. */
async function forcedFallback(original: WireMessage[], ctx: CompactionContext): Promise<PipelineStep> {
  const rollup = buildUserRollup(original)
  const userRollup = (): WireMessage[] => (rollup ? [userRequestsMessage(rollup)] : [])
  if (ctx.model !== null) {
    // MARSYS passes no include_image_bytes here (so none) and the instruction whatever the config says.
    const payload = buildCompactionPayload(original, {
      agentInstruction: ctx.agentInstruction,
      includeImageBytes: false,
      outputMaxTokens: ctx.config.activeContext.summarization.outputMaxTokens,
    })
    const reply = await runCompactionModel(ctx.model, payload.messages, original, ctx)
    if (truthy(reply) && typeof reply === 'object' && !Array.isArray(reply)) {
      const fields = reply as Record<string, unknown>
      const requests = replyField(fields, 'user_request_summary', '')
      const result = truthy(requests) ? [userRequestsMessage(requests)] : userRollup()
      result.push(compactedSummaryMessage(fields, ctx.model.name))
      return {
        name: 'forced_summarization_fallback',
        ran: true,
        metadata: { stage: 'forced_summarization_fallback', post_messages: result.length },
        input: original,
        inputJson: [],
        output: result,
      }
    }
  }
  const result = [...userRollup(), { role: 'assistant', content: HARD_FALLBACK_TEXT }]
  return {
    name: 'forced_summarization_fallback',
    ran: true,
    metadata: { stage: 'forced_summarization_fallback', hard_fallback: true, post_messages: result.length },
    input: original,
    inputJson: [],
    output: result,
  }
}

/**
 * Runs the processor chain and the guards on `messages` (which MARSYS's processors may change in place: pass a
 * copy you own). Does not check the threshold; see simulateCompaction.
 * @throws CompactionModelError when the compaction model could not be reached (MARSYS would carry on without it).
 */
export async function runPipeline(messages: WireMessage[], ctx: CompactionContext): Promise<PipelineRun> {
  const policy = ctx.config.activeContext
  const { processors, unknown } = selectProcessors(ctx)
  const original = [...messages]
  const steps: PipelineStep[] = []
  let working = messages
  for (const [i, processor] of processors.entries()) {
    ctx.onStage?.(processor.name)
    const input = working
    const inputJson = snapshot(input)
    const isLast = i === processors.length - 1
    try {
      if (!isLast) {
        const savings = processor.estimateReduction(working, ctx)
        const ratio = ctx.config.thresholdTokens > 0 ? savings / ctx.config.thresholdTokens : 0
        if (ratio < policy.minReductionRatio) {
          steps.push({
            name: processor.name,
            ran: false,
            metadata: {
              stage: processor.name,
              skipped: true,
              reason: 'insufficient_reduction',
              estimated_savings: savings,
              ratio,
            },
            input,
            inputJson,
            output: input,
          })
          continue
        }
      }
      const out = await processor.reduce(working, ctx)
      working = out.messages
      const ran = out.metadata.skipped !== true
      steps.push({ name: processor.name, ran, metadata: out.metadata, input, inputJson, output: working })
    } catch (error) {
      if (error instanceof CompactionModelError) throw error
      const message = error instanceof Error ? error.message : String(error)
      const metadata = { stage: processor.name, error: message }
      steps.push({ name: processor.name, ran: false, metadata, input, inputJson, output: working })
    }
  }

  if (working.length < 2) {
    ctx.onStage?.('forced_summarization_fallback')
    const inputJson = snapshot(working)
    const step = await forcedFallback(original, ctx)
    step.input = working
    step.inputJson = inputJson
    steps.push(step)
    working = step.output
  }
  if (!hasUser(working)) {
    const user = [...original].reverse().find((m) => m.role === 'user')
    if (user !== undefined) {
      const output = [user, ...working]
      const metadata = { stage: 'user_injection' }
      steps.push({
        name: 'user_injection',
        ran: true,
        metadata,
        input: working,
        inputJson: snapshot(working),
        output,
      })
      working = output
    }
  }
  return { messages: working, steps, unknownProcessors: unknown }
}
