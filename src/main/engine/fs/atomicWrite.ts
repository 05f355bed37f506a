import { randomBytes } from 'node:crypto'
import {
  copyFile,
  link,
  open,
  readdir,
  realpath,
  rename,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

// Only Node built-ins here: tests compile this one module for child processes that get killed mid-write.

export type WriteData = string | Uint8Array | readonly Uint8Array[]

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<name>.bak` (replacing an older backup). */
  backup?: boolean
  /** Writes the data into the open temp file. Injectable so tests can fail half-way. */
  write?: (handle: FileHandle, chunks: readonly Uint8Array[]) => Promise<void>
}

/**
 * Replaces `path` with `data` so that readers see either the old or the new file, never a mix: write a temp file
 * in the same folder, fsync it, optionally keep the old file as `.bak` (a hard link, or a copy where links are not
 * possible), rename the temp file over the original and fsync the folder. On any failure the original is left
 * untouched and the temp file removed. A symlinked path replaces the link's target. After the first save of a
 * file in this process, temp files that earlier interrupted saves left beside it are removed.
 */
export async function atomicWriteFile(
  path: string,
  data: WriteData,
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const target = await realpath(path).catch(() => path)
  const dir = dirname(target)
  const previous = await stat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined
    throw e
  })
  if (previous?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' })

  const temp = tempFileFor(target, 'data')
  const tempBackup = tempFileFor(target, 'backup')
  const oldBackup = tempFileFor(target, 'backup')
  let oldBackupMoved = false
  for (const path of [temp, tempBackup, oldBackup]) markTempInFlight(path, true)
  try {
    const handle = await open(temp, 'wx', previous ? previous.mode & 0o7777 : 0o666)
    try {
      await (opts.write ?? writeChunks)(handle, toChunks(data))
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (opts.backup && previous) {
      await link(target, tempBackup).catch(() => copyFile(target, tempBackup))
      // Renaming over the old backup would free its blocks inside this save (tens of ms for 100 MB): move it aside
      // and remove it once the save is done. A crash in between leaves a temp file the next save removes.
      oldBackupMoved = await rename(`${target}.bak`, oldBackup).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return false
          throw e
        },
      )
      await rename(tempBackup, `${target}.bak`)
    }
    await rename(temp, target)
  } catch (e) {
    await Promise.all([removeQuietly(temp), removeQuietly(tempBackup)])
    // The original is untouched, so its backup goes back too.
    if (oldBackupMoved) await rename(oldBackup, `${target}.bak`).catch(() => removeQuietly(oldBackup))
    throw e
  } finally {
    for (const path of [temp, tempBackup, oldBackup]) markTempInFlight(path, false)
  }
  await syncFolder(dir)
  // After the folder's fsync, whose journal commit would otherwise wait for the old backup's blocks to be freed.
  if (oldBackupMoved) removeInBackground(oldBackup)
  // Leftovers come from earlier processes (this one removes its own on failure), so one look per file and process
  // is enough and keeps frequent small writes (the session store's) from listing their folder every time.
  if (!cleanedTargets.has(target)) {
    cleanedTargets.add(target)
    await removeStaleTempFiles(target)
  }
}

const cleanedTargets = new Set<string>()

function toChunks(data: WriteData): readonly Uint8Array[] {
  if (typeof data === 'string') return [Buffer.from(data, 'utf8')]
  return data instanceof Uint8Array ? [data] : data
}

/** Buffers per `writev` call (POSIX guarantees at least 1,024). */
const IOV_MAX = 1024

/** Writes every chunk completely with `writev`: the chunks are handed to the OS as they are, never copied. */
export async function writeChunks(handle: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  for (let start = 0; start < chunks.length; start += IOV_MAX)
    await writeAll(handle, chunks.slice(start, start + IOV_MAX))
}

/** One `writev`, continued where the OS stopped if it wrote only part of the group. */
async function writeAll(handle: FileHandle, group: Uint8Array[]): Promise<void> {
  let pending = group.filter((chunk) => chunk.length > 0)
  while (pending.length > 0) {
    let { bytesWritten } = await handle.writev(pending)
    let done = 0
    while (done < pending.length && bytesWritten >= pending[done].length)
      bytesWritten -= pending[done++].length
    pending = pending.slice(done)
    if (pending.length > 0 && bytesWritten > 0) pending[0] = pending[0].subarray(bytesWritten)
  }
}

/** Makes the rename durable. Some platforms (Windows) cannot open or fsync a folder; that is not an error there. */
async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined)
}

const backgroundRemovals = new Set<Promise<void>>()

/** Removes a file without making the caller wait (freeing a large file's blocks takes a while). */
function removeInBackground(path: string): void {
  const removal = removeQuietly(path).finally(() => backgroundRemovals.delete(removal))
  backgroundRemovals.add(removal)
}

/** Resolves once the old backups that saves moved aside are gone (tests, and a clean exit). */
export async function backgroundRemovalsSettled(): Promise<void> {
  await Promise.all([...backgroundRemovals])
}

/**
 * The hidden temp files of atomic saves, `.NAME.PID.HEX.tmp` (and `.NAME.bak.PID.HEX.tmp` for the backup link),
 * beside the file. A save killed half-way leaves its temp behind; `removeStaleTempFiles` clears those.
 */
function tempFileFor(target: string, kind: 'data' | 'backup'): string {
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`
  const name = basename(target)
  return join(dirname(target), kind === 'data' ? `.${name}.${suffix}.tmp` : `.${name}.bak.${suffix}.tmp`)
}

/** Temp files this process is writing right now: never stale, whatever their age. */
const inFlight = new Set<string>()

function markTempInFlight(temp: string, busy: boolean): void {
  if (busy) inFlight.add(temp)
  else inFlight.delete(temp)
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `kill(pid, 0)`: EPERM means the process exists but belongs to someone else. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the temp files that interrupted saves of `target` left beside it: those whose writer is gone (its pid
 * is not running, or is this process but not writing it now), and those older than `target` itself (a later
 * save finished, so they can never be renamed into place). Best effort: returns the names removed and ignores
 * what cannot be read or removed. Call it when a file is opened or saved.
 */
export async function removeStaleTempFiles(target: string): Promise<string[]> {
  const dir = dirname(target)
  const name = basename(target)
  const pattern = new RegExp(`^\\.${escapeRegExp(name)}\\.(?:bak\\.)?(\\d+)\\.[0-9a-f]{8}\\.tmp$`)
  const entries = await readdir(dir).catch(() => [] as string[])
  const targetTime = await stat(target).then(
    (s) => s.mtimeMs,
    () => undefined,
  )
  const removed: string[] = []
  for (const entry of entries) {
    const match = pattern.exec(entry)
    if (!match) continue
    const path = join(dir, entry)
    if (inFlight.has(path)) continue
    const pid = Number(match[1])
    let stale = pid === process.pid || !isProcessAlive(pid)
    if (!stale && targetTime !== undefined) {
      const tempTime = await stat(path).then(
        (s) => s.mtimeMs,
        () => undefined,
      )
      stale = tempTime !== undefined && tempTime < targetTime
    }
    if (
      stale &&
      (await unlink(path).then(
        () => true,
        () => false,
      ))
    )
      removed.push(entry)
  }
  return removed
}
