import { z } from 'zod'
import type { UtcDateTime } from './utcDateTime'

export const memoryUsageDictSchema = z.object({
  session_count: z.number(),
  message_count: z.number(),
  total_tokens: z.number(),
  storage_size_bytes: z.number(),
  active_sessions: z.number(),
  last_cleanup: z.string().nullable(),
})
export type MemoryUsageDict = z.infer<typeof memoryUsageDictSchema>

/** Memory usage statistics (the seed's `MemoryUsage`; every field defaults to 0 / null). */
export class MemoryUsage {
  session_count = 0
  message_count = 0
  total_tokens = 0
  storage_size_bytes = 0
  active_sessions = 0
  last_cleanup: UtcDateTime | null = null

  constructor(init: Partial<Omit<MemoryUsage, 'toDict'>> = {}) {
    Object.assign(this, init)
  }

  toDict(): MemoryUsageDict {
    return {
      session_count: this.session_count,
      message_count: this.message_count,
      total_tokens: this.total_tokens,
      storage_size_bytes: this.storage_size_bytes,
      active_sessions: this.active_sessions,
      last_cleanup: this.last_cleanup === null ? null : this.last_cleanup.toIsoString(),
    }
  }
}
