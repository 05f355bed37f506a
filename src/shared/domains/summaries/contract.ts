import type { z } from 'zod'

/** The summaries channels, in the order of SUMMARY_CHANNELS (see ../../contract.ts for how a channel is written). */
export const summaryContract = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The summaries events' payloads, in the order of SUMMARY_EVENTS. */
export const summaryEvents = {} as const satisfies Record<string, z.ZodType>
