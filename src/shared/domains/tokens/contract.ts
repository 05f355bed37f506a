import type { z } from 'zod'

/** The tokens channels, in the order of TOKEN_CHANNELS (see ../../contract.ts for how a channel is written). */
export const tokenContract = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The tokens events' payloads, in the order of TOKEN_EVENTS. */
export const tokenEvents = {} as const satisfies Record<string, z.ZodType>
