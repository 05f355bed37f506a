import type { z } from 'zod'

/** The store channels, in the order of STORE_CHANNELS (see ../../contract.ts for how a channel is written). */
export const storeContract = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The store events' payloads, in the order of STORE_EVENTS. */
export const storeEvents = {} as const satisfies Record<string, z.ZodType>
