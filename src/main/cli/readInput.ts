import { resolve } from 'node:path'
import { NotARegularFileError, readRegularFile } from '../engine/fs/readWhole'
import { CliError } from './cliErrors'

/**
 * Reads a file the user named, turning the usual failures into one-line messages. Only regular files are read:
 * a named pipe, socket or device would block or never end, so it is refused.
 */
export async function readInputFile(cwd: string, file: string): Promise<{ path: string; bytes: Buffer }> {
  const path = resolve(cwd, file)
  try {
    return { path, bytes: (await readRegularFile(path)).bytes }
  } catch (e) {
    if (e instanceof NotARegularFileError) throw new CliError(`${file} is ${e.reason}`)
    throw new CliError(describeFsError(file, e))
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
