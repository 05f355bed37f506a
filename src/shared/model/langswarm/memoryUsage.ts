import type { UtcDateTime } from './utcDateTime'

export interface MemoryUsageDict {
  session_count: number
  message_count: number
  total_tokens: number
  storage_size_bytes: number
  active_sessions: number
  last_cleanup: string | null
}

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
