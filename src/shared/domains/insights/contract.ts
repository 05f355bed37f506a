import type { z } from 'zod'

/** The insights channels, in the order of INSIGHT_CHANNELS (see ../../contract.ts for how a channel is written). */
export const insightContract = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The insights events' payloads, in the order of INSIGHT_EVENTS. */
export const insightEvents = {} as const satisfies Record<string, z.ZodType>
