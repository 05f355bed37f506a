/**
 * "What would MARSYS's compaction do to this memory?" — the whole run on a copy of a message list, with tokens
 * and changed messages per stage and the result as MARSYS would save it.
 */
import { DefaultTokenCounter, type TokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import type { JsonValue } from '../marsys/memory/jsonValue'
import { ManagedMemoryConfig } from '../marsys/memory/managedConfig'
import { Message } from '../marsys/memory/message'
import { originOf, setOrigin } from './messageOrigin'
import { type PipelineStep, runPipeline } from './pipeline'
import type { CompactionModel, StageMetadata, WireMessage } from './types'

/** A message MARSYS could not hold (a tool call whose arguments are not a string, …): MARSYS would fail too. */
export class CompactionInputError extends Error {
  override name = 'CompactionInputError'
}

export interface SimulationOptions {
  /** The summarization stage's model; null or missing: MARSYS without a compaction model ("no_model"). */
  model?: CompactionModel | null
  /** The agent's instructions, sent with the summarization request as MARSYS does. */
  agentInstruction?: string | null
  /** MARSYS's provider name (anthropic, openai, google, …): the payload limit for retained images. */
  provider?: string | null
  /** Run even when the memory is not over `threshold_tokens` (MARSYS would not). */
  force?: boolean
  /** Defaults to MARSYS's DefaultTokenCounter with the config's image estimate. */
  counter?: TokenCounter
  signal?: AbortSignal
  /** Called as each stage starts; the LLM's own progress comes through the model (compactionModel(options)). */
  onStage?: (name: string) => void
}

export interface StageReport {
  /** A processor name, or a guard: `forced_summarization_fallback`, `user_injection`. */
  name: string
  ran: boolean
  /** Why it did not run: MARSYS's reason (`insufficient_reduction`, `no_model`, …) or the error it raised. */
  skippedReason: string | null
  error: string | null
  tokensBefore: number
  tokensAfter: number
  messagesBefore: number
  messagesAfter: number
  /** Input indices this stage modified or removed, ascending. */
  changed: number[]
  modified: number[]
  removed: number[]
  /** Messages this stage added (summaries, retained images, a re-inserted user message). */
  inserted: number
  /** MARSYS's own metadata for the stage (`last_compaction.stages[i]`, without wall-clock fields). */
  metadata: StageMetadata
}

export interface CompactionSimulation {
  /** Whether MARSYS would compact now (or `force` was given). */
  triggered: boolean
  /** Why not, when not triggered. */
  notTriggeredReason: string | null
  thresholdTokens: number
  targetTokens: number
  tokensBefore: number
  tokensAfter: number
  stages: StageReport[]
  /** The compacted history, as MARSYS would save it (the input itself when nothing ran). */
  messages: WireMessage[]
  /** For each result message, the input index it is an unchanged copy of, or null for a new or changed one. */
  origins: (number | null)[]
  warnings: string[]
}

/** MARSYS's `_rewrite_memory_with_reduced_context` + `to_llm_dict`: only six fields survive, in MARSYS's shape. */
function rewrite(message: WireMessage): WireMessage {
  const calls = message.tool_calls
  const reasoning = message.reasoning_details
  return new Message({
    role: typeof message.role === 'string' ? message.role : 'assistant',
    content: (message.content ?? null) as JsonValue,
    name: typeof message.name === 'string' ? message.name : null,
    toolCalls: Array.isArray(calls) ? (calls as JsonValue[]) : null,
    toolCallId: typeof message.tool_call_id === 'string' ? message.tool_call_id : null,
    reasoningDetails: Array.isArray(reasoning) ? (reasoning as JsonValue[]) : null,
  }).toLlmDict() as unknown as WireMessage
}

// Counted from the snapshots: a later stage may change a message in place.
const tokensOf = (json: readonly string[], counter: TokenCounter): number =>
  counter.countMessages(json.map((j) => JSON.parse(j) as unknown)).total

function stageReport(step: PipelineStep, outputJson: string[], counter: TokenCounter): StageReport {
  const before = new Map<number, string>()
  step.input.forEach((m, i) => {
    const origin = originOf(m)
    if (origin !== undefined) before.set(origin, step.inputJson[i])
  })
  const after = new Map<number, string>()
  const passedThrough = new Set(step.input)
  let inserted = 0
  step.output.forEach((m, i) => {
    const origin = originOf(m)
    if (!passedThrough.has(m) && (origin === undefined || !before.has(origin))) inserted++
    if (origin !== undefined) after.set(origin, outputJson[i])
  })
  const modified: number[] = []
  const removed: number[] = []
  for (const [origin, json] of before) {
    const now = after.get(origin)
    if (now === undefined) removed.push(origin)
    else if (now !== json) modified.push(origin)
  }
  const metadata = step.metadata
  return {
    name: step.name,
    ran: step.ran,
    skippedReason: typeof metadata.reason === 'string' ? metadata.reason : null,
    error: typeof metadata.error === 'string' ? metadata.error : null,
    tokensBefore: tokensOf(step.inputJson, counter),
    tokensAfter: tokensOf(outputJson, counter),
    messagesBefore: step.input.length,
    messagesAfter: step.output.length,
    changed: [...modified, ...removed].sort((a, b) => a - b),
    modified: modified.sort((a, b) => a - b),
    removed: removed.sort((a, b) => a - b),
    inserted,
    metadata,
  }
}

function notTriggered(
  messages: readonly WireMessage[],
  config: ManagedMemoryConfig,
  tokens: number,
  reason: string,
): CompactionSimulation {
  return {
    triggered: false,
    notTriggeredReason: reason,
    thresholdTokens: config.thresholdTokens,
    targetTokens: config.compactionTargetTokens,
    tokensBefore: tokens,
    tokensAfter: tokens,
    stages: [],
    messages: [...messages],
    origins: messages.map((_, i) => i),
    warnings: [],
  }
}

/**
 * Simulates MARSYS's compaction of `messages` (LLM dicts, as in a memory file) under `config`. The input is not
 * changed. With the same config and the same model reply the result equals MARSYS's own.
 * @throws CompactionModelError when the model could not be reached or the signal aborted.
 */
export async function simulateCompaction(
  messages: readonly WireMessage[],
  config: ManagedMemoryConfig = new ManagedMemoryConfig(),
  options: SimulationOptions = {},
): Promise<CompactionSimulation> {
  const counter =
    options.counter ??
    config.tokenCounter ??
    new DefaultTokenCounter({ imageTokenEstimate: config.imageTokenEstimate })
  const tokensBefore = counter.countMessages(messages).total
  const policy = config.activeContext
  if (!policy.enabled) return notTriggered(messages, config, tokensBefore, 'active context is disabled')
  if (policy.mode !== 'compaction')
    return notTriggered(messages, config, tokensBefore, `mode is "${policy.mode}", not "compaction"`)
  if (tokensBefore <= config.thresholdTokens && !options.force) {
    return notTriggered(
      messages,
      config,
      tokensBefore,
      `${tokensBefore} tokens is not above threshold_tokens ${config.thresholdTokens}`,
    )
  }

  const working = messages.map((m, i) => {
    const copy = structuredClone(m)
    setOrigin(copy, i)
    return copy
  })
  const run = await runPipeline(working, {
    config,
    counter,
    model: options.model ?? null,
    agentInstruction: options.agentInstruction ?? null,
    provider: options.provider ?? null,
    signal: options.signal,
    onStage: options.onStage,
  })

  const finalJson = run.messages.map((m) => JSON.stringify(m))
  const stages = run.steps.map((step, i) =>
    stageReport(step, i + 1 < run.steps.length ? run.steps[i + 1].inputJson : finalJson, counter),
  )
  const result = run.messages.map((message, i) => {
    try {
      return rewrite(message)
    } catch (error) {
      const origin = originOf(message)
      const which = origin === undefined ? `new message ${i}` : `message ${origin}`
      throw new CompactionInputError(`${which}: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
  const inputJson = messages.map((m) => JSON.stringify(m))
  const origins = run.messages.map((m, i) => {
    const origin = originOf(m)
    return origin !== undefined && JSON.stringify(result[i]) === inputJson[origin] ? origin : null
  })
  const warnings = run.unknownProcessors.map((name) => `unknown compaction processor "${name}" skipped`)
  for (const stage of stages) {
    if (stage.name !== 'summarization' || stage.ran || stage.modified.length === 0) continue
    warnings.push(
      `summarization did not run (${stage.skippedReason ?? stage.error ?? 'skipped'}) but changed message ` +
        `${stage.modified.join(', ')}: MARSYS merges its summarization instruction into the last user message ` +
        `before the protected tail even when it then gives up (a MARSYS bug, reproduced)`,
    )
  }
  return {
    triggered: true,
    notTriggeredReason: null,
    thresholdTokens: config.thresholdTokens,
    targetTokens: config.compactionTargetTokens,
    tokensBefore,
    tokensAfter: counter.countMessages(result).total,
    stages,
    messages: result,
    origins,
    warnings,
  }
}
