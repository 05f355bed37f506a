import { constants, type BigIntStats } from 'node:fs'
import { availableParallelism } from 'node:os'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { AppError } from '../appError'
import { notARegularFile } from './regularFile'

/** A read past this many bytes is split (Linux reads at most about 2 GB at a time). */
const MAX_READ = 1 << 30
/** Below this size one read is as fast as several. */
const PARALLEL_FROM = 1 << 20

/**
 * How many reads a file of `size` bytes is split into. Copying from the page cache into fresh memory (page faults
 * included) is CPU work in the kernel: reads of disjoint parts, each on its own thread-pool thread, run on as many
 * cores. Measured at 105 MB on 2 cores: one read 80–140 ms, two 46–58 ms.
 */
export function readParts(size: number, cores = availableParallelism()): number {
  return size < PARALLEL_FROM ? 1 : Math.max(1, Math.min(cores, 4))
}

/**
 * Reads `[start, end)` of the file into the same offsets of `buffer`; returns how many bytes it holds from `start`
 * (fewer at the end of the file).
 */
async function readRange(handle: FileHandle, buffer: Buffer, start: number, end: number): Promise<number> {
  let at = start
  while (at < end) {
    const { bytesRead } = await handle.read(buffer, at, Math.min(end - at, MAX_READ), at)
    if (bytesRead === 0) break
    at += bytesRead
  }
  return at - start
}

/**
 * Reads a whole open file into one buffer with as few reads as the OS allows. `FileHandle.readFile` reads in
 * 512 KB pieces, each a trip through the thread pool: 200 of them for a 100 MB file, which made reading slower
 * than scanning. `sizeHint` is the size from a `stat` of the same handle; a file that grows or shrinks meanwhile is
 * still read to its end. `parts` reads run at once, each on its own part of the file.
 */
export async function readWholeHandle(
  handle: FileHandle,
  sizeHint: number,
  parts = readParts(sizeHint),
): Promise<Buffer> {
  const size = Math.max(sizeHint, 0)
  let buffer = Buffer.allocUnsafe(size + 1)
  // No more parts than bytes: every part starts inside the file.
  const partCount = Math.max(1, Math.min(parts, size))
  const partSize = Math.ceil(size / partCount)
  const ranges = Array.from({ length: partCount }, (_, i) => ({
    start: Math.min(i * partSize, size),
    end: Math.min((i + 1) * partSize, size),
  }))
  const counts = await Promise.all(ranges.map(({ start, end }) => readRange(handle, buffer, start, end)))
  // The bytes read are the parts up to the first one cut short (the file shrank): later parts hold nothing valid.
  let filled = 0
  for (let i = 0; i < partCount; i++) {
    filled = ranges[i].start + counts[i]
    if (filled < ranges[i].end) break
  }
  // Then on to the end: the byte past the size tells a file that grew.
  for (;;) {
    if (filled === buffer.length) {
      const larger = Buffer.allocUnsafe(buffer.length * 2)
      buffer.copy(larger, 0, 0, filled)
      buffer = larger
    }
    const read = await readRange(handle, buffer, filled, buffer.length)
    filled += read
    if (filled < buffer.length) return buffer.subarray(0, filled)
  }
}

/** A path that names something other than a regular file; `reason` ends a sentence naming it. */
export class NotARegularFileError extends AppError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('INVALID_INPUT', `${path} is ${reason}`, { file: path })
  }
}

// Opening a FIFO for reading waits for a writer unless non-blocking: with O_NONBLOCK it opens at once and the check
// of the open handle refuses it (for a regular file the flag changes nothing). Windows has neither.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * Reads a whole regular file and the `stat` of the same open handle (so the stat describes the bytes read). A
 * named pipe, socket or device would block or never end: it is refused with a NotARegularFileError (INVALID_INPUT),
 * checked by path first and again on the open handle, so nothing can swap the path between the check and the read.
 */
export async function readRegularFile(path: string): Promise<{ bytes: Buffer; info: BigIntStats }> {
  // First by path, so that a device is never opened (opening a terminal or a serial port can act on it) and a
  // socket, which cannot be opened at all, gets the same clear refusal.
  const refusedBefore = notARegularFile(await stat(path))
  if (refusedBefore !== undefined) throw new NotARegularFileError(path, refusedBefore)
  const handle = await open(path, OPEN_FLAGS)
  try {
    const info = await handle.stat({ bigint: true })
    const refused = notARegularFile(info)
    if (refused !== undefined) throw new NotARegularFileError(path, refused)
    return { bytes: await readWholeHandle(handle, Number(info.size)), info }
  } finally {
    await handle.close()
  }
}

/** `readFile` for large files, regular files only: open, size and read in one read per core. */
export async function readWholeFile(path: string): Promise<Buffer> {
  return (await readRegularFile(path)).bytes
}
