import type { BigIntStats, Stats } from 'node:fs'

/**
 * Why a path that is not a regular file is not read, as the rest of a sentence naming it ("pipe.json is …"), or
 * undefined for a regular file. A named pipe, socket or device would block or never end, so only regular files
 * are read.
 */
export function notARegularFile(info: Stats | BigIntStats): string | undefined {
  if (info.isFile()) return undefined
  if (info.isDirectory()) return 'a directory, not a file'
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : 'not a regular file'
  return `${kind}, not a regular file: only regular files can be read`
}
