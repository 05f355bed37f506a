import { flagValue, stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
import { formatReport, MemoryMigrator } from '../../engine/migration'
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io'
import { resolve } from 'node:path'
import { DATA_DIR_OPTION, progressPrinter, withSessionStore } from './sessionStore'

/** Brings back the sessions of a backup that the store does not have; sessions it has are left as they are. */
async function runRestore(io: CliIo, args: ParsedArgs): Promise<number> {
  const json = flagValue(args, 'json')
  const report = await withSessionStore(io.cwd, stringValue(args, 'data-dir'), (backend) =>
    new MemoryMigrator().restore(backend, resolve(io.cwd, args.positionals[0]), {
      onProgress: json ? undefined : progressPrinter(io.stderr),
    }),
  )
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report))
  return report.success ? EXIT_OK : EXIT_FAILED
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore FILE [--data-dir DIR] [--json]',
  summary: 'restore the sessions of a backup file into the session store',
  args: { options: { ...DATA_DIR_OPTION, json: { type: 'boolean' } }, min: 1, max: 1 },
  run: runRestore,
}
