import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { CliError } from './cli/cliErrors'

/**
 * Creates the data folder (recent files, session workspace) if needed and checks that it can be written, so a bad
 * `--data-dir` fails at start with the folder and the reason rather than a raw `ENOENT … mkdir` later.
 */
export function prepareDataDir(dir: string): void {
  try {
    makeFolders(dir)
    accessSync(dir, constants.W_OK)
  } catch (e) {
    throw new CliError(`cannot use the data folder ${dir}: ${reasonOf(e)}`)
  }
}

/**
 * `mkdir -p`, one level at a time: Node's `mkdirSync(…, { recursive: true })` never returns for some paths (under
 * /proc on Linux it retries for ever), and a data folder there must fail, not hang.
 */
function makeFolders(dir: string): void {
  const missing: string[] = []
  for (let folder = resolve(dir); !existsSync(folder); folder = dirname(folder)) {
    missing.push(folder)
    if (dirname(folder) === folder) break
  }
  for (const folder of missing.reverse()) mkdirSync(folder)
}

function reasonOf(e: unknown): string {
  const error = e as NodeJS.ErrnoException
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (it, or the folder it should be created in, is not writable); choose another with --data-dir'
    case 'EROFS':
      return 'the file system is read-only; choose another folder with --data-dir'
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of the path is a file, not a folder'
    case 'ENOENT':
      return 'a part of the path does not exist and cannot be created'
    case 'ENOSPC':
      return 'the disk is full'
    default:
      return error.message ?? String(e)
  }
}
