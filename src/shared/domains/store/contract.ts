import { z } from 'zod'
import { storeRepairReportSchema } from '../../model/langswarm/interfaces'
import { storeSearchQuerySchema, storeSearchResultSchema } from './storeSearchSchemas'

/** The store channels, in the order of STORE_CHANNELS (see ../../contract.ts for how a channel is written). */
export const storeContract = {
  /**
   * Checks (dryRun) or repairs the session store: rebuilds a damaged index from the session files, brings orphaned
   * sessions back, keeps a copy of every damaged file; never deletes data. LOCKED while another app uses it.
   */
  'store.repair': {
    input: z.strictObject({ dryRun: z.boolean().optional() }),
    output: storeRepairReportSchema,
  },
  /**
   * Searches every session of the store (see docs/search.md): hits page by page, with whether the total is exact.
   * INVALID_INPUT for a pattern RE2 refuses; LOCKED while another app uses the store.
   */
  'store.search': { input: storeSearchQuerySchema, output: storeSearchResultSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The store events' payloads, in the order of STORE_EVENTS. */
export const storeEvents = {} as const satisfies Record<string, z.ZodType>
