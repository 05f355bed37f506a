import { z } from 'zod'
import {
  documentGraphSchema,
  documentHandoffsSchema,
  documentInsightsSchema,
  insightProgressSchema,
  storeInsightsSchema,
} from './model'

const id = z.string().min(1).max(200)
/** Chosen by the caller, to follow progress and to cancel. */
const jobId = z.string().min(1).max(100)
/** The compaction threshold to measure against (default 150,000). */
const thresholdTokens = z.number().int().min(1).max(100_000_000)

/** The insights channels, in the order of INSIGHT_CHANNELS (see ../../contract.ts for how a channel is written). */
export const insightContract = {
  /**
   * Analysis, secrets and suggested actions of an open document (file or store session), computed off the main
   * thread. `thresholdTokens`: the compaction threshold to measure against (default 150,000).
   */
  'insights.document': {
    input: z.strictObject({
      id,
      jobId: jobId.optional(),
      thresholdTokens: thresholdTokens.optional(),
    }),
    output: documentInsightsSchema,
  },
  /**
   * Extracted entities and the knowledge graph (KG facts and entities) of an open document; slow, cancellable.
   * `entities: 'llm'` also asks the LLM endpoint of the summarizer (Settings) and adds what it finds; its failure
   * (refused key, time limit, unreadable reply) is the call's error.
   */
  'insights.graph': {
    input: z.strictObject({ id, jobId: jobId.optional(), entities: z.enum(['offline', 'llm']).optional() }),
    output: documentGraphSchema,
  },
  /** Stops a running job (it answers CONFLICT, details.reason `cancelled`); false when no such job runs. */
  'insights.cancel': { input: z.strictObject({ jobId }), output: z.object({ cancelled: z.boolean() }) },
  /**
   * Insights over the session store: each session's (newest first, at most `limit`) and per type over all.
   * `thresholdTokens` as for `insights.document`.
   */
  'insights.store': {
    input: z.strictObject({
      limit: z.number().int().min(1).max(1_000).optional(),
      jobId: jobId.optional(),
      thresholdTokens: thresholdTokens.optional(),
    }),
    output: storeInsightsSchema,
  },
  /** Who handed off to whom in an open document (file or store session), computed off the main thread. */
  'insights.handoffs': {
    input: z.strictObject({ id, jobId: jobId.optional() }),
    output: documentHandoffsSchema,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The insights events' payloads, in the order of INSIGHT_EVENTS. */
export const insightEvents = {
  'insights.progress': insightProgressSchema,
} as const satisfies Record<string, z.ZodType>
