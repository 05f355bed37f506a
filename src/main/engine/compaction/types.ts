import type { TokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import type { ManagedMemoryConfig } from '../marsys/memory/managedConfig'

/** A message in the LLM-dict shape MARSYS's compaction works on (what memory files hold). */
export type WireMessage = Record<string, unknown>

/** What MARSYS's summarization stage sends its compaction model (`_run_compaction_model` kwargs). */
export interface CompactionModelRequest {
  /** System prompt, the prefix with image ids, and the final instruction — exactly MARSYS's payload. */
  payload: WireMessage[]
  /** The prefix messages being summarised, as they were (for summarizers that do not read prompts). */
  prefix: readonly WireMessage[]
  maxTokens: number
  temperature: number
  jsonMode: true
  responseSchema: Record<string, unknown>
}

/**
 * The model MARSYS's summarization stage calls; returns the reply text, which the stage parses as MARSYS does.
 * Throwing aborts the whole simulation (a transport failure is worth telling, not silently skipping).
 */
export interface CompactionModel {
  /** Written into the summary message as `name: "compaction_<name>"`. */
  readonly name: string
  complete(request: CompactionModelRequest, signal?: AbortSignal): Promise<string>
}

export interface CompactionContext {
  config: ManagedMemoryConfig
  counter: TokenCounter
  model: CompactionModel | null
  /** MARSYS's runtime `agent_instruction` (the agent's instructions), sent with the summarization request. */
  agentInstruction: string | null
  /** MARSYS's runtime `provider`: picks the payload limit for retained images. */
  provider: string | null
  signal?: AbortSignal
  /** Called as each processor or guard starts (for a progress display). */
  onStage?: (name: string) => void
}

/** MARSYS's per-stage metadata dict (`metadata["last_compaction"]["stages"][i]`), minus wall-clock fields. */
export type StageMetadata = Record<string, unknown>

export interface StageOutput {
  messages: WireMessage[]
  metadata: StageMetadata
}

/** One of MARSYS's compaction processors. */
export interface CompactionProcessor {
  readonly name: string
  /** Tokens the processor expects to save; fast, no model call. */
  estimateReduction(messages: WireMessage[], ctx: CompactionContext): number
  reduce(messages: WireMessage[], ctx: CompactionContext): Promise<StageOutput>
}
