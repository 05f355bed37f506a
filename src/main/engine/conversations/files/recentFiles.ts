import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { mkdir } from 'node:fs/promises'
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

  async add(paths: string[], now = Date.now()): Promise<void> {
    await this.load()
    const fresh = paths.map((path, i) => ({ path, openedMs: now - i }))
    const kept = (this.db.data.recent ?? []).filter((entry) => !paths.includes(entry.path))
    this.db.data.recent = [...fresh, ...kept].slice(0, MAX_RECENT)
    await mkdir(this.dataDir, { recursive: true })
    await this.db.write()
  }
}
