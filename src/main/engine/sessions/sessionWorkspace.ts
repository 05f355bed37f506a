import { join } from 'node:path'
import { JsonFileBackend, MemoryManager } from '../langswarm'

/**
 * The inspector's own session store (`<data dir>/session-store`, langswarm's JSON-file backend). Opened on first
 * use, so a second instance of the app starts fine and only its session calls report the store as in use.
 */
export class SessionWorkspace {
  readonly path: string
  private manager: Promise<MemoryManager> | null = null

  constructor(dataDir: string) {
    this.path = join(dataDir, 'session-store')
  }

  get(): Promise<MemoryManager> {
    this.manager ??= (async () => {
      const backend = new JsonFileBackend({ path: this.path })
      await backend.connect()
      return new MemoryManager(backend)
    })().catch((error: unknown) => {
      this.manager = null // e.g. locked by another process: try again on the next call
      throw error
    })
    return this.manager
  }

  async close(): Promise<void> {
    const manager = this.manager
    this.manager = null
    if (manager) await (await manager.catch(() => null))?.backend.disconnect()
  }
}
