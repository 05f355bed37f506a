import { flagValue, stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
import { MemoryMigrator } from '../../engine/migration'
import type { CliIo } from '../io'
import { resolve } from 'node:path'
import { DATA_DIR_OPTION, printReport, progressPrinter, withSessionStore } from './sessionStore'

/** Brings back the sessions of a backup that the store does not have; sessions it has are left as they are. */
async function runRestore(io: CliIo, args: ParsedArgs): Promise<number> {
  const json = flagValue(args, 'json')
  const report = await withSessionStore(io.cwd, stringValue(args, 'data-dir'), (backend) =>
    new MemoryMigrator().restore(backend, resolve(io.cwd, args.positionals[0]), {
      onProgress: json ? undefined : progressPrinter(io.stderr),
    }),
  )
  return printReport(io, report, json)
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore FILE [--data-dir DIR] [--json]',
  summary: 'restore the sessions of a backup file into the session store',
  args: { options: { ...DATA_DIR_OPTION, json: { type: 'boolean' } }, min: 1, max: 1 },
  run: runRestore,
}
