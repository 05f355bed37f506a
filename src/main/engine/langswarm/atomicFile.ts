import { readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { atomicWriteFile } from '../fs/atomicWrite'

/**
 * Temp files are the atomic writer's (`.<name>.<random>.tmp` beside the target); a writer that crashed leaves one
 * behind, which `removeTempFiles` clears when the store is next opened.
 */
const TEMP_SUFFIX = '.tmp'

export const isTempFileName = (name: string): boolean => name.startsWith('.') && name.endsWith(TEMP_SUFFIX)

/** Deletes temp files a crashed writer left in `dir`; returns how many. */
export async function removeTempFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[])
  const temps = names.filter(isTempFileName)
  await Promise.all(temps.map((name) => unlink(join(dir, name)).catch(() => undefined)))
  return temps.length
}

interface Waiter {
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Serialises the writes to one file. While a write is in flight, later requests are coalesced: only the newest
 * text is written next, and every caller waiting on it resolves once that text is durable. Because each request
 * carries the file's complete content, skipping superseded texts never loses an update.
 */
export class AtomicFileWriter {
  private pending: { text: string; waiters: Waiter[] } | null = null
  private running: Promise<void> | null = null
  private closed = false

  constructor(readonly path: string) {}

  write(text: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`Writer for ${this.path} is closed`))
    return new Promise<void>((resolve, reject) => {
      if (this.pending === null) this.pending = { text, waiters: [{ resolve, reject }] }
      else {
        this.pending.text = text
        this.pending.waiters.push({ resolve, reject })
      }
      this.running ??= this.drain()
    })
  }

  /** Resolves when nothing is queued or in flight. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running
  }

  /** Waits for queued writes, then refuses new ones. */
  async close(): Promise<void> {
    await this.idle()
    this.closed = true
  }

  private async drain(): Promise<void> {
    while (this.pending !== null) {
      const batch = this.pending
      this.pending = null
      try {
        await atomicWriteFile(this.path, batch.text)
        for (const waiter of batch.waiters) waiter.resolve()
      } catch (error) {
        for (const waiter of batch.waiters) waiter.reject(error)
      }
    }
    this.running = null
  }
}
