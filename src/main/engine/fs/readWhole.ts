import { open, type FileHandle } from 'node:fs/promises'

/** A read past this many bytes is split (Linux reads at most about 2 GB at a time). */
const MAX_READ = 1 << 30

/**
 * Reads a whole open file into one buffer with as few reads as the OS allows. `FileHandle.readFile` reads in
 * 512 KB pieces, each a trip through the thread pool: 200 of them for a 100 MB file, which made reading slower
 * than scanning. `sizeHint` is the size from a `stat` of the same handle; a file that grows or shrinks meanwhile is
 * still read to its end.
 */
export async function readWholeHandle(handle: FileHandle, sizeHint: number): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.max(sizeHint, 0) + 1)
  let filled = 0
  for (;;) {
    if (filled === buffer.length) {
      const larger = Buffer.allocUnsafe(buffer.length * 2)
      buffer.copy(larger, 0, 0, filled)
      buffer = larger
    }
    const { bytesRead } = await handle.read(
      buffer,
      filled,
      Math.min(buffer.length - filled, MAX_READ),
      filled,
    )
    if (bytesRead === 0) return buffer.subarray(0, filled)
    filled += bytesRead
  }
}

/** `readFile` for large files: open, size and read in one or two reads. */
export async function readWholeFile(path: string): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    return await readWholeHandle(handle, (await handle.stat()).size)
  } finally {
    await handle.close()
  }
}
