import {
  SessionExistsError,
  SessionMetadata,
  type CreateSessionOptions,
  type IMemoryBackend,
  type IMemoryManager,
  type IMemorySession,
  type SessionStatus,
  type SystemStats,
} from '../../../shared/model/langswarm'

const DEFAULT_USER_LIST_LIMIT = 50
const DEFAULT_CLEANUP_INTERVAL_MS = 300_000

/**
 * The seed's `MemoryManager`. It needs no explicit `connect()`/`start()` (backends connect on first use);
 * `start()` only adds the periodic expired-session cleanup. Sessions are cached by the backend, which keeps one
 * live object per id, so the manager holds no second cache that could go stale.
 */
export class MemoryManager implements IMemoryManager {
  private cleanupTimer: ReturnType<typeof setInterval> | null = null

  constructor(readonly backend: IMemoryBackend) {}

  async createSession(options: CreateSessionOptions = {}): Promise<IMemorySession> {
    const metadata = new SessionMetadata({
      ...options,
      session_id: options.session_id ?? crypto.randomUUID(),
    })
    return this.backend.createSession(metadata)
  }

  getSession(sessionId: string): Promise<IMemorySession | null> {
    return this.backend.getSession(sessionId)
  }

  async getOrCreateSession(
    sessionId: string,
    options: Omit<CreateSessionOptions, 'session_id'> = {},
  ): Promise<IMemorySession> {
    const existing = await this.backend.getSession(sessionId)
    if (existing !== null) return existing
    try {
      return await this.createSession({ ...options, session_id: sessionId })
    } catch (error) {
      // A concurrent caller created it between our get and create.
      if (!(error instanceof SessionExistsError)) throw error
      const created = await this.backend.getSession(sessionId)
      if (created === null) throw error
      return created
    }
  }

  deleteSession(sessionId: string): Promise<boolean> {
    return this.backend.deleteSession(sessionId)
  }

  listUserSessions(userId: string, status: SessionStatus | null = null, limit = DEFAULT_USER_LIST_LIMIT) {
    return this.backend.listSessions(userId, status, limit, 0)
  }

  cleanupExpiredSessions(): Promise<number> {
    return this.backend.cleanupExpiredSessions()
  }

  async getSystemStats(): Promise<SystemStats> {
    const [usage, health] = [await this.backend.getUsageStats(), await this.backend.healthCheck()]
    const cached = (this.backend as { cachedSessionCount?: unknown }).cachedSessionCount
    return {
      usage: usage.toDict(),
      health,
      cached_sessions: typeof cached === 'number' ? cached : 0,
      backend_type: this.backend.backendType,
    }
  }

  /** Connects and runs `cleanupExpiredSessions` every interval (the Python default is 300 s). */
  async start(intervalMs = DEFAULT_CLEANUP_INTERVAL_MS): Promise<void> {
    await this.backend.connect()
    if (this.cleanupTimer !== null) return
    this.cleanupTimer = setInterval(() => {
      this.backend.cleanupExpiredSessions().catch(() => undefined)
    }, intervalMs)
    this.cleanupTimer.unref?.()
  }

  async stop(): Promise<void> {
    if (this.cleanupTimer !== null) clearInterval(this.cleanupTimer)
    this.cleanupTimer = null
    await this.backend.disconnect()
  }
}
