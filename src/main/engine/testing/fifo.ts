import { execFileSync } from 'node:child_process'
import { closeSync, constants, openSync } from 'node:fs'

/** FIFOs on the file system exist on Linux and macOS only. */
export const canMakeFifo = process.platform !== 'win32'

/** Makes a named pipe at `path` (with `mkfifo`). */
export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path])
}

/**
 * Opens the FIFO for writing and closes it, so that a reader stuck waiting for a writer (the bug a test looks for)
 * gets end-of-file and the test process can exit. Does nothing when no one is reading.
 */
export function releaseFifo(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK))
  } catch {
    // ENXIO: no reader is waiting; ENOENT: already removed.
  }
}
