import { z } from 'zod'
import { compareProgressSchema, compareSideSchema, compareSummarySchema, compareWindowSchema } from './model'

const compareId = z.string().min(1).max(100)
/** Chosen by the caller, to follow progress and to cancel. */
const jobId = z.string().min(1).max(100)
/** Rows in one window: each may carry up to a few hundred diff lines. */
export const MAX_COMPARE_WINDOW = 100

/** The compare channels, in the order of COMPARE_CHANNELS (see ../../contract.ts for how a channel is written). */
export const compareContract = {
  /**
   * Matches the messages of two sides (off the main thread for large ones) and keeps the result in main until
   * `compare.close`; with a `jobId` it reports `compare.progress` and can be cancelled (CONFLICT, reason `cancelled`).
   */
  'compare.start': {
    input: z.strictObject({ left: compareSideSchema, right: compareSideSchema, jobId: jobId.optional() }),
    output: compareSummarySchema,
  },
  /**
   * A window of the aligned rows (or, with `changesOnly`, of the rows that differ). CONFLICT with reason `changed`
   * when a compared document was edited since: compare again.
   */
  'compare.rows': {
    input: z.strictObject({
      compareId,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(MAX_COMPARE_WINDOW),
      changesOnly: z.boolean().optional(),
    }),
    output: compareWindowSchema,
  },
  /** The next (or previous) differing row after (before) row `from`; null when there is none. */
  'compare.step': {
    input: z.strictObject({
      compareId,
      from: z.number().int().min(-1),
      direction: z.enum(['next', 'previous']),
    }),
    output: z.object({ row: z.number().nullable(), change: z.number().nullable() }),
  },
  /** Stops a running `compare.start`; false when no such job runs. */
  'compare.cancel': { input: z.strictObject({ jobId }), output: z.object({ cancelled: z.boolean() }) },
  /** Forgets a comparison's result. */
  'compare.close': { input: z.strictObject({ compareId }), output: z.object({ closed: z.boolean() }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The compare events' payloads, in the order of COMPARE_EVENTS. */
export const compareEvents = {
  'compare.progress': compareProgressSchema,
} as const satisfies Record<string, z.ZodType>
