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
    return [...(this.db.data.recent ?? [])]
  }

  /** Remembers files, newest first, by their real path: one file reached by two names is listed once. */
  async add(paths: string[], now = Date.now()): Promise<void> {
    await this.load()
    const real = [...new Set(await Promise.all(paths.map((path) => realpath(path).catch(() => path))))]
    const fresh = real.map((path, i) => ({ path, openedMs: now - i }))
    const listed = new Set(real)
    const kept: RecentEntry[] = []
    for (const entry of this.db.data.recent ?? []) {
      const path = await realpath(entry.path).catch(() => entry.path)
      if (!listed.has(path)) kept.push({ ...entry, path })
      listed.add(path)
    }
    this.db.data.recent = [...fresh, ...kept].slice(0, MAX_RECENT)
    await mkdir(this.dataDir, { recursive: true })
    await this.db.write()
  }
}
