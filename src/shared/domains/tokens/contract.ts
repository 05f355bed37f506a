import { z } from 'zod'

const id = z.string().min(1).max(200)
const modelId = z.string().min(1).max(200)
const index = z.number().int().min(0)

export const bpeEncodingSchema = z.enum(['o200k_base', 'cl100k_base'])
export type BpeEncodingName = z.infer<typeof bpeEncodingSchema>

export const kindTokensSchema = z.object({
  text: z.number(),
  toolResults: z.number(),
  toolCalls: z.number(),
  images: z.number(),
  overhead: z.number(),
  total: z.number(),
})
export type KindTokensView = z.infer<typeof kindTokensSchema>

export const modelInfoSchema = z.object({
  id: z.string(),
  contextWindow: z.number(),
  encoding: bpeEncodingSchema,
  inputPerMillion: z.number(),
  outputPerMillion: z.number(),
  pricesAsOf: z.string(),
  overridden: z.boolean(),
})
export type ModelInfoView = z.infer<typeof modelInfoSchema>

/** One model's entry in `model-windows.json` (the shipped defaults and the data folder's overrides). */
export const modelEntrySchema = z.object({
  context_window: z.number().int().positive().max(1e9),
  encoding: bpeEncodingSchema,
  input_per_million: z.number().nonnegative().max(1e6),
  output_per_million: z.number().nonnegative().max(1e6),
  prices_as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
})
export type ModelEntry = z.infer<typeof modelEntrySchema>

const budgetSchema = z.object({
  model: z.string(),
  encoding: bpeEncodingSchema,
  contextWindow: z.number(),
  segments: z.object({
    systemPrompt: z.number(),
    toolDefinitions: z.number(),
    toolCalls: z.number(),
    messages: z.number(),
    images: z.number(),
  }),
  used: z.number(),
  remaining: z.number(),
  usedFraction: z.number(),
  overWindow: z.boolean(),
  marsys: z.object({
    total: z.number(),
    thresholdTokens: z.number(),
    compactionTargetTokens: z.number(),
    wouldCompact: z.boolean(),
  }),
})
export type BudgetView = z.infer<typeof budgetSchema>

/**
 * A document's token usage for one model, columnar (one entry per message, in list order) so 100,000 messages
 * travel as a few arrays.
 */
export const tokenUsageSchema = z.object({
  revision: z.number(),
  model: modelInfoSchema,
  messages: z.object({
    ids: z.array(z.number()),
    roles: z.array(z.string()),
    /** MARSYS's DefaultTokenCounter (0 for entries MARSYS skips). */
    marsys: z.array(z.number()),
    /** The model's encoding, chat overhead included. */
    bpe: z.array(z.number()),
    /** Tool results: truncating them is a quick action. */
    toolResult: z.array(z.boolean()),
    /** USD: the message sent as input, and for assistant messages generated as output. */
    costInput: z.array(z.number()),
    costOutput: z.array(z.number()),
  }),
  totals: z.object({ marsys: z.number(), langswarm: z.number(), bpe: kindTokensSchema }),
  byRole: z.record(z.string(), z.object({ messages: z.number(), tokens: z.number() })),
  byKind: kindTokensSchema,
  /** First message where MARSYS's running total exceeds threshold_tokens, or -1. */
  thresholdCrossing: z.number(),
  budget: budgetSchema,
  cost: z.object({
    prompt: z.number(),
    generated: z.number(),
    promptTokens: z.number(),
    generatedTokens: z.number(),
    pricesAsOf: z.string(),
  }),
  /** Messages re-counted by a worker for this answer (the rest came from the cache). */
  counted: z.number(),
})
export type TokenUsage = z.infer<typeof tokenUsageSchema>

export const usageRowSchema = z.object({
  /** The open document's id, when it is open. */
  docId: z.string().nullable(),
  sessionId: z.string().nullable(),
  path: z.string().nullable(),
  name: z.string(),
  updatedAt: z.string().nullable(),
  messages: z.number(),
  marsys: z.number(),
  bpe: z.number(),
  cost: z.number(),
})
export type UsageRow = z.infer<typeof usageRowSchema>

/** The tokens channels, in the order of TOKEN_CHANNELS (see ../../contract.ts for how a channel is written). */
export const tokenContract = {
  /** Counts a document (only what changed since the last count), with `tokens.progress` events. */
  'tokens.usage': {
    input: z.strictObject({
      id,
      model: modelId,
      /** A managed-memory config (MARSYS's field names); default MARSYS's (threshold 150,000). */
      managedConfig: z.record(z.string().max(100), z.unknown()).optional(),
    }),
    output: tokenUsageSchema,
  },
  /** Stops a running count of the document; its `tokens.usage` call fails with details.cancelled. */
  'tokens.cancel': { input: z.strictObject({ id }), output: z.object({ cancelled: z.boolean() }) },
  /** The content a tool result would have after MARSYS's tool_truncation (to apply as an edit). */
  'tokens.truncateToolResult': {
    input: z.strictObject({ id, index, maxTokens: z.number().int().min(1).max(10_000_000).optional() }),
    output: z.object({ text: z.string(), changed: z.boolean(), maxTokens: z.number() }),
  },
  /** Totals of every open file and every session of the store, largest first. */
  'tokens.overview': {
    input: z.strictObject({ model: modelId }),
    output: z.object({
      model: modelInfoSchema,
      files: z.array(usageRowSchema),
      sessions: z.array(usageRowSchema),
    }),
  },
  'tokens.models': {
    input: z.strictObject({}),
    output: z.object({ models: z.array(modelInfoSchema), overrideFile: z.string().nullable() }),
  },
  /** Writes the data folder's model table: these entries replace or extend the shipped defaults. */
  'tokens.saveModels': {
    input: z.strictObject({ models: z.record(modelId, modelEntrySchema.strict()) }),
    output: z.object({ models: z.array(modelInfoSchema), overrideFile: z.string().nullable() }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The tokens events' payloads, in the order of TOKEN_EVENTS. */
export const tokenEvents = {
  'tokens.progress': z.object({ id: z.string(), done: z.number(), total: z.number(), cached: z.number() }),
} as const satisfies Record<string, z.ZodType>
