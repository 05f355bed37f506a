import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** Our own writes are recognised by content, not by timing: a watcher event whose bytes hash the same is ours. */
export const contentHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** The hash of bytes given in chunks, as if they were one buffer. */
export function hashChunks(chunks: readonly Uint8Array[]): string {
  const hash = createHash('sha256')
  for (const chunk of chunks) hash.update(chunk)
  return hash.digest('hex')
}

/** The hash of a file as it is on disk, streamed (a 100 MB file is not held twice); null when it is missing. */
export function fileHash(path: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ENOENT' ? resolve(null) : reject(error),
      )
  })
}
