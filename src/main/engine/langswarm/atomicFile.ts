import { open, readdir, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Durable whole-file replacement: write a temp file beside the target, fsync it, rename it over the target, then
 * fsync the directory so the rename itself survives a power loss. A crash at any point leaves either the old or
 * the new file, never a torn one; the orphaned temp file is removed by `removeTempFiles` on the next open.
 *
 * This module imports only Node built-ins so a test can run it in a child process and kill that mid-write.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = tempPathFor(path)
  try {
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await syncDirectory(dirname(path))
}

const TEMP_SUFFIX = '.tmp'

export const tempPathFor = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}${TEMP_SUFFIX}`)

export const isTempFileName = (name: string): boolean => name.startsWith('.') && name.endsWith(TEMP_SUFFIX)

/** Deletes temp files a crashed writer left in `dir`; returns how many. */
export async function removeTempFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[])
  const temps = names.filter(isTempFileName)
  await Promise.all(temps.map((name) => unlink(join(dir, name)).catch(() => undefined)))
  return temps.length
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return // directories cannot be opened for fsync there
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
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
        await writeFileAtomic(this.path, batch.text)
        for (const waiter of batch.waiters) waiter.resolve()
      } catch (error) {
        for (const waiter of batch.waiters) waiter.reject(error)
      }
    }
    this.running = null
  }
}
