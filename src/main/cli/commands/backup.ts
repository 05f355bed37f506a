import { stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
import { MemoryMigrator } from '../../engine/migration'
import { CliError, UsageError } from '../cliErrors'
import { EXIT_OK, type CliIo } from '../io'
import { describeFsError } from '../readInput'
import { resolve } from 'node:path'
import { DATA_DIR_OPTION, withSessionStore } from './sessionStore'

/** The whole session store as one versioned JSON document, written atomically (a previous file kept as .bak). */
async function runBackup(io: CliIo, args: ParsedArgs): Promise<number> {
  const out = stringValue(args, 'out')
  if (out === undefined) throw new UsageError('backup: missing -o FILE')
  const result = await withSessionStore(io.cwd, stringValue(args, 'data-dir'), async (backend) => {
    try {
      return await new MemoryMigrator().backup(backend, resolve(io.cwd, out))
    } catch (error) {
      throw new CliError(describeFsError(out, error))
    }
  })
  io.stdout(`backed up ${result.sessions} session(s), ${result.messages} message(s) to ${out}\n`)
  return EXIT_OK
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup [--data-dir DIR] -o FILE',
  summary: 'write the whole session store to one JSON backup file',
  args: { options: { ...DATA_DIR_OPTION, out: { type: 'string', short: 'o' } }, min: 0, max: 0 },
  run: runBackup,
}
