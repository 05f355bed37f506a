import { resolve } from 'node:path'
import { defaultDataDir } from '../../appContext'
import { SessionWorkspace } from '../../engine/sessions/sessionWorkspace'
import type { IMemoryBackend } from '../../../shared/model/langswarm'
import { formatReport, type MigrationReport } from '../../engine/migration'
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io'
import { CliError } from '../cliErrors'
import { prepareDataDir } from '../../dataDir'

/** The `--data-dir` option the store commands share. */
export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const

/**
 * Runs `use` with the app's session store (`<data dir>/session-store`, the store the app opens), then releases
 * it. A data folder that cannot be used (a file in its path, not writable) or a store that cannot be opened (e.g.
 * the app has it open) is one clear line.
 */
export async function withSessionStore<T>(
  cwd: string,
  dataDir: string | undefined,
  use: (backend: IMemoryBackend, storePath: string) => Promise<T>,
): Promise<T> {
  const folder = resolve(cwd, dataDir ?? defaultDataDir())
  prepareDataDir(folder)
  const workspace = new SessionWorkspace(folder)
  let backend: IMemoryBackend
  try {
    backend = (await workspace.get()).backend
  } catch (error) {
    throw new CliError(
      `session store ${workspace.path}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  try {
    return await use(backend, workspace.path)
  } finally {
    await workspace.close()
  }
}

/** Progress on stderr, one line per tenth of the way (stdout stays clean for --json). */
export function progressPrinter(write: (text: string) => void): (current: number, total: number) => void {
  let shown = -1
  return (current, total) => {
    if (total <= 0) return
    const tenth = Math.floor((current / total) * 10)
    if (tenth <= shown) return
    shown = tenth
    write(
      `  ${Math.round((current / total) * 100)}% (${current.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} messages)\n`,
    )
  }
}

/** A migration or restore report on stdout (JSON or lines); exit 1 when anything failed or was cancelled. */
export function printReport(io: CliIo, report: MigrationReport, json: boolean): number {
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report))
  return report.success ? EXIT_OK : EXIT_FAILED
}
