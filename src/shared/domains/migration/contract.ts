import type { z } from 'zod'

/** The migration channels, in the order of MIGRATION_CHANNELS (see ../../contract.ts for how a channel is written). */
export const migrationContract = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The migration events' payloads, in the order of MIGRATION_EVENTS. */
export const migrationEvents = {} as const satisfies Record<string, z.ZodType>
