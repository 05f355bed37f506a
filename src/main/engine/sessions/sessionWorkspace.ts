import { join } from 'node:path'
import type { StoreRepairReport } from '../../../shared/model/langswarm'
import { JsonFileBackend, MemoryManager, repairSessionStore } from '../langswarm'

/** Where the inspector keeps its session store inside its data folder. */
export const sessionStorePath = (dataDir: string): string => join(dataDir, 'session-store')

/**
 * The inspector's own session store (`<data dir>/session-store`, langswarm's JSON-file backend). Opened on first
 * use, so a second instance of the app starts fine and only its session calls report the store as in use.
 */
export class SessionWorkspace {
  readonly path: string
  private manager: Promise<MemoryManager> | null = null

  constructor(dataDir: string) {
    this.path = sessionStorePath(dataDir)
  }

  get(): Promise<MemoryManager> {
    this.manager ??= this.open(Promise.resolve())
    return this.manager
  }

  /**
   * Repairs the store (see storeRepair.ts). A real repair closes the store first, so sessions handed out before
   * are detached and must be fetched again; calls made meanwhile wait for the repair, then reopen the store. A dry
   * run leaves everything open.
   */
  async repair(options: { dryRun?: boolean } = {}): Promise<StoreRepairReport> {
    if (options.dryRun === true) return repairSessionStore(this.path, options)
    const repairing = this.close().then(() => repairSessionStore(this.path, options))
    this.manager = this.open(repairing) // set before anything awaits, so no call can reopen the store first
    this.manager.catch(() => undefined) // nobody may be waiting; a later get() retries
    return repairing
  }

  private open(after: Promise<unknown>): Promise<MemoryManager> {
    const opening = (async () => {
      await after.catch(() => undefined)
      const backend = new JsonFileBackend({ path: this.path })
      await backend.connect()
      return new MemoryManager(backend)
    })().catch((error: unknown) => {
      if (this.manager === opening) this.manager = null // e.g. locked by another process: try again next call
      throw error
    })
    return opening
  }

  async close(): Promise<void> {
    const manager = this.manager
    this.manager = null
    if (manager) await (await manager.catch(() => null))?.backend.disconnect()
  }
}
