import { z } from 'zod'
import { conversationSummaryDictSchema } from '../../model/langswarm/conversationSummary'
import { COMPACTION_PROVIDERS } from './compactionProviders'

const id = z.string().min(1).max(200)
/** Chosen by the renderer for one long call, so it can cancel it and match its progress events. */
const jobId = z.string().min(1).max(100)
const count = z.number().int().min(0).max(1_000_000)

export const SUMMARIZERS = ['extractive', 'langswarm', 'llm'] as const
export const summarizerChoiceSchema = z.enum(SUMMARIZERS)
export type SummarizerChoice = z.infer<typeof summarizerChoiceSchema>

/** The summarization stage's model in a simulation: `none` is MARSYS without a compaction model. */
export const COMPACTION_SUMMARIZERS = ['extractive', 'llm', 'none'] as const
export const compactionSummarizerSchema = z.enum(COMPACTION_SUMMARIZERS)
export type CompactionSummarizer = z.infer<typeof compactionSummarizerSchema>

export const COMPACTION_PROCESSORS = ['tool_truncation', 'summarization', 'backward_packing'] as const
export const compactionProcessorSchema = z.enum(COMPACTION_PROCESSORS)
export type CompactionProcessor = z.infer<typeof compactionProcessorSchema>

/** The part of MARSYS's ManagedMemoryConfig the panel edits (MARSYS's names; `target_ratio` = 1 − min_reduction_ratio). */
export const compactionSettingsSchema = z.strictObject({
  threshold_tokens: z.number().int().min(1).max(100_000_000),
  target_ratio: z.number().gt(0).lt(1),
  max_tool_message_tokens: z.number().int().min(1).max(100_000_000),
  tool_truncation_grace: count,
  summarization_grace: count,
  backward_packing_grace: count,
  /** Every processor once, in the order they run. */
  processor_order: z.array(compactionProcessorSchema).min(1).max(COMPACTION_PROCESSORS.length),
  /** Processors switched off (MARSYS's `excluded_processors`). */
  excluded_processors: z.array(compactionProcessorSchema).max(COMPACTION_PROCESSORS.length),
})
export type CompactionSettings = z.infer<typeof compactionSettingsSchema>

export const summaryResultSchema = z.object({
  summary: conversationSummaryDictSchema,
  summarizer: summarizerChoiceSchema,
  /** A session's summary is stored as its current ConversationSummary; a file's is only shown. */
  stored: z.boolean(),
})
export type SummaryResult = z.infer<typeof summaryResultSchema>

export const compactionStageViewSchema = z.object({
  name: z.string(),
  ran: z.boolean(),
  skippedReason: z.string().nullable(),
  error: z.string().nullable(),
  tokensBefore: z.number(),
  tokensAfter: z.number(),
  messagesBefore: z.number(),
  messagesAfter: z.number(),
  /** Document positions (as when simulated) this stage modified or removed. */
  modified: z.array(z.number()),
  removed: z.array(z.number()),
  inserted: z.number(),
})
export type CompactionStageView = z.infer<typeof compactionStageViewSchema>

/** One message as the side-by-side view shows it. */
export const compactionMessageViewSchema = z.object({
  role: z.string(),
  /** The start of its text (tool calls named), one line. */
  preview: z.string(),
  tokens: z.number(),
})

export const simulationViewSchema = z.object({
  /** The document's revision the simulation read: Apply is refused once the document changed. */
  revision: z.number(),
  triggered: z.boolean(),
  notTriggeredReason: z.string().nullable(),
  thresholdTokens: z.number(),
  targetTokens: z.number(),
  tokensBefore: z.number(),
  tokensAfter: z.number(),
  stages: z.array(compactionStageViewSchema),
  /** The document's messages as simulated (each with its document position). */
  before: z.array(compactionMessageViewSchema.extend({ position: z.number() })),
  /**
   * The compacted list. `origin` is the document position of a message kept unchanged (Apply keeps its bytes), else
   * null and `json` holds the new or changed message as MARSYS writes it.
   */
  after: z.array(
    compactionMessageViewSchema.extend({ origin: z.number().nullable(), json: z.string().nullable() }),
  ),
  warnings: z.array(z.string()),
})
export type SimulationView = z.infer<typeof simulationViewSchema>

export const llmSettingsViewSchema = z.object({
  baseUrl: z.string(),
  model: z.string(),
  timeoutSeconds: z.number(),
  /** Whether a key is available (its value never leaves main). */
  keySet: z.boolean(),
  /** `safeStorage`: the desktop app keeps it encrypted; `environment`: MEMORY_INSPECTOR_LLM_API_KEY (web mode, CLI). */
  keySource: z.enum(['safeStorage', 'environment']),
  /** Whether the key can be set here (false: only through the environment). */
  keyWritable: z.boolean(),
})
export type LlmSettingsView = z.infer<typeof llmSettingsViewSchema>

const text = (max: number) => z.string().max(max)

/** The summaries channels, in the order of SUMMARY_CHANNELS (see ../../contract.ts for how a channel is written). */
export const summaryContract = {
  /** Summarizes a document; a session's summary becomes its current ConversationSummary. */
  'summary.summarize': {
    input: z.strictObject({ id, summarizer: summarizerChoiceSchema, jobId: jobId.optional() }),
    output: summaryResultSchema,
  },
  /** MARSYS's defaults (ManagedMemoryConfig) in the panel's fields. */
  'summary.compactionDefaults': { input: z.strictObject({}), output: compactionSettingsSchema },
  /** MARSYS's compaction of the document, simulated; progress as `summary.progress` events with this jobId. */
  'summary.simulate': {
    input: z.strictObject({
      id,
      jobId,
      settings: compactionSettingsSchema,
      summarizer: compactionSummarizerSchema,
      /** Simulate even when the document is not above the threshold (MARSYS would do nothing). */
      force: z.boolean().optional(),
      /** The agent's instructions, sent with the summarization request as MARSYS does (`[Agent Instruction]`). */
      agentInstruction: z.string().max(100_000).optional(),
      /** MARSYS's runtime provider: the byte budget for images kept through summarization; missing: the default. */
      provider: z.enum(COMPACTION_PROVIDERS).optional(),
    }),
    output: simulationViewSchema,
  },
  'summary.cancel': { input: z.strictObject({ jobId }), output: z.object({ cancelled: z.boolean() }) },
  'summary.llmSettings': { input: z.strictObject({}), output: llmSettingsViewSchema },
  /** Saves base URL, model and time limit; `apiKey` sets the key, `clearApiKey` removes it. */
  'summary.setLlmSettings': {
    input: z.strictObject({
      baseUrl: text(2_000),
      model: text(200),
      timeoutSeconds: z.number().min(1).max(3_600),
      apiKey: z.string().min(1).max(4_000).optional(),
      clearApiKey: z.boolean().optional(),
    }),
    output: llmSettingsViewSchema,
  },
  /** One tiny request to the saved endpoint. */
  'summary.testLlm': {
    input: z.strictObject({ jobId: jobId.optional() }),
    output: z.object({ model: z.string(), reply: z.string() }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The summaries events' payloads, in the order of SUMMARY_EVENTS. */
export const summaryEvents = {
  'summary.progress': z.object({
    jobId: z.string(),
    /** `stage`: a compaction stage started; `sending`/`receiving`: the LLM call; `done`. */
    phase: z.enum(['stage', 'sending', 'receiving', 'done']),
    stage: z.string().optional(),
    bytes: z.number().optional(),
  }),
} as const satisfies Record<string, z.ZodType>
