import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { resolve } from 'node:path'
import { readWholeHandle } from '../engine/fs/readWhole'
import { notARegularFile } from '../engine/fs/regularFile'
import { CliError } from './cliErrors'

// Opening a FIFO for reading waits for a writer unless non-blocking; with O_NONBLOCK it opens at once and the
// check below refuses it. (Windows has no O_NONBLOCK and no FIFOs on the file system.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * Reads a file the user named, turning the usual failures into one-line messages. Only regular files are read:
 * a named pipe, socket or device would block or never end, so it is refused.
 */
export async function readInputFile(cwd: string, file: string): Promise<{ path: string; bytes: Buffer }> {
  const path = resolve(cwd, file)
  try {
    const handle = await open(path, OPEN_FLAGS)
    try {
      const info = await handle.stat()
      const refused = notARegularFile(info)
      if (refused !== undefined) throw new CliError(`${file} is ${refused}`)
      return { path, bytes: await readWholeHandle(handle, info.size) }
    } finally {
      await handle.close()
    }
  } catch (e) {
    throw e instanceof CliError ? e : new CliError(describeFsError(file, e))
  }
}

export function describeFsError(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return `${file}: no such file`
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied`
    case 'EISDIR':
      return `${file} is a directory, not a file`
    case 'ENOTDIR':
      return `${file}: a part of the path is not a folder`
    default:
      return `${file}: ${e instanceof Error ? e.message : String(e)}`
  }
}
