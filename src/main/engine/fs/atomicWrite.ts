import { copyFile, link, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { markTempInFlight, removeStaleTempFiles, tempFileFor } from './tempFiles'

export type WriteData = string | Uint8Array | readonly Uint8Array[]

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<name>.bak` (replacing an older backup). */
  backup?: boolean
  /** Writes the data into the open temp file. Injectable so tests can fail half-way. */
  write?: (handle: FileHandle, chunks: readonly Uint8Array[]) => Promise<void>
}

/** Bytes handed to the OS per write: many small chunks are gathered, big ones go as they are. */
const BATCH_BYTES = 4 * 1024 * 1024

/**
 * Replaces `path` with `data` so that readers see either the old or the new file, never a mix: write a temp file
 * in the same folder, fsync it, optionally keep the old file as `.bak` (a hard link, or a copy where links are not
 * possible), rename the temp file over the original and fsync the folder. On any failure the original is left
 * untouched and the temp file removed. A symlinked path replaces the link's target. After a save, temp files
 * that earlier interrupted saves left beside the file are removed.
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
  markTempInFlight(temp, true)
  markTempInFlight(tempBackup, true)
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
      await rename(tempBackup, `${target}.bak`)
    }
    await rename(temp, target)
  } catch (e) {
    await Promise.all([removeQuietly(temp), removeQuietly(tempBackup)])
    throw e
  } finally {
    markTempInFlight(temp, false)
    markTempInFlight(tempBackup, false)
  }
  await syncFolder(dir)
  await removeStaleTempFiles(target)
}

function toChunks(data: WriteData): readonly Uint8Array[] {
  if (typeof data === 'string') return [Buffer.from(data, 'utf8')]
  return data instanceof Uint8Array ? [data] : data
}

/** Writes every chunk completely, gathering small ones into batches so a 100k-chunk save is a few syscalls. */
export async function writeChunks(handle: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  let batch: Uint8Array[] = []
  let batchBytes = 0
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return
    await writeFully(handle, batch.length === 1 ? batch[0] : Buffer.concat(batch, batchBytes))
    batch = []
    batchBytes = 0
  }
  for (const chunk of chunks) {
    if (chunk.length >= BATCH_BYTES) {
      await flush()
      await writeFully(handle, chunk)
      continue
    }
    batch.push(chunk)
    batchBytes += chunk.length
    if (batchBytes >= BATCH_BYTES) await flush()
  }
  await flush()
}

async function writeFully(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset)
    offset += bytesWritten
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
