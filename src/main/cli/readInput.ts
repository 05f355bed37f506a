import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { CliError } from './errors'

/** Reads a file the user named, turning the usual failures into one-line messages. */
export async function readInputFile(cwd: string, file: string): Promise<{ path: string; bytes: Buffer }> {
  const path = resolve(cwd, file)
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw new CliError(`${file} is a directory, not a file`)
    return { path, bytes: await readFile(path) }
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
