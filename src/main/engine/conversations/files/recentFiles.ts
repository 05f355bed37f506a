import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { mkdir, realpath } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecentEntry } from '../../../../shared/contract'

interface Settings {
  recent: RecentEntry[]
}

const MAX_RECENT = 20

/** Recently opened files, newest first, kept in `<data dir>/settings.json` (lowdb). */
export class RecentFiles {
  private readonly db: Low<Settings>
  private loaded: Promise<void> | null = null
  /** Adds run one after another, and a list waits for them: it never answers from before an open it follows. */
  private writes: Promise<void> = Promise.resolve()

  constructor(private readonly dataDir: string) {
    this.db = new Low<Settings>(new JSONFile<Settings>(join(dataDir, 'settings.json')), { recent: [] })
  }

  private load(): Promise<void> {
    this.loaded ??= this.db.read().catch(() => {
      // A damaged settings file must not stop the app: start with an empty list.
      this.db.data = { recent: [] }
    })
    return this.loaded
  }

  async list(): Promise<RecentEntry[]> {
    await this.load()
    await this.writes
    return [...(this.db.data.recent ?? [])]
  }

  /**
   * Remembers files, newest first. One file reached by two names (a symlink, a relative path) is listed once,
   * under the name it was last opened by: that is the path the user knows.
   */
  add(paths: string[], now = Date.now()): Promise<void> {
    const write = this.writes.then(() => this.write(paths, now))
    this.writes = write.catch(() => undefined)
    return write
  }

  private async write(paths: string[], now: number): Promise<void> {
    await this.load()
    const realOf = (path: string) => realpath(path).catch(() => path)
    const listed = new Set<string>()
    const fresh: RecentEntry[] = []
    for (const path of paths) {
      const real = await realOf(path)
      if (listed.has(real)) continue
      listed.add(real)
      fresh.push({ path, openedMs: now - fresh.length })
    }
    const kept: RecentEntry[] = []
    for (const entry of this.db.data.recent ?? []) {
      const real = await realOf(entry.path)
      if (!listed.has(real)) kept.push(entry)
      listed.add(real)
    }
    this.db.data.recent = [...fresh, ...kept].slice(0, MAX_RECENT)
    await mkdir(this.dataDir, { recursive: true })
    await this.db.write()
  }
}
