import type { BigIntStats } from 'node:fs'
import { stat } from 'node:fs/promises'

/**
 * What identifies a file's version on disk without reading it: device, inode, size and the modification and change
 * times in nanoseconds. Any write or rename changes one of them (ctime cannot be set back by users), so an equal
 * stamp means the bytes are the ones we read or wrote and a hash is needed only when stamps differ.
 */
export const diskStampOf = (info: BigIntStats): string =>
  `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`

/** The stamp of the file at `path` now; null when it is missing. */
export async function diskStamp(path: string): Promise<string | null> {
  return stat(path, { bigint: true }).then(diskStampOf, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
    throw error
  })
}
