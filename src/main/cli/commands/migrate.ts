import { resolve } from 'node:path'
import { flagValue, stringValue } from '../args'
import type { CliCommand } from '../command'
import { MemoryMigrator } from '../../engine/migration'
import type { CliIo } from '../io'
import type { ParsedArgs } from '../args'
import { DATA_DIR_OPTION, printReport, progressPrinter, withSessionStore } from './sessionStore'

/** Sources → the app's session store (or, with --dry-run, only the report of what would happen). */
async function runMigrate(io: CliIo, args: ParsedArgs): Promise<number> {
  const json = flagValue(args, 'json')
  const dryRun = flagValue(args, 'dry-run')
  const report = await withSessionStore(io.cwd, stringValue(args, 'data-dir'), (backend) =>
    new MemoryMigrator().migrate(
      args.positionals.map((source) => resolve(io.cwd, source)),
      backend,
      {
        dryRun,
        onConflict: flagValue(args, 'rename-conflicts') ? 'rename' : 'skip',
        naiveTimestampsAs: flagValue(args, 'naive-local') ? 'local' : 'utc',
        defaultUserId: stringValue(args, 'user') ?? null,
        onProgress: json ? undefined : progressPrinter(io.stderr),
      },
    ),
  )
  return printReport(io, report, json)
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate SOURCE... [--data-dir DIR] [--dry-run] [--json]',
  summary: 'bring MARSYS files/folders, langswarm V1/V2 SQLite files or backups into the session store',
  args: {
    options: {
      ...DATA_DIR_OPTION,
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      'rename-conflicts': { type: 'boolean' },
      'naive-local': { type: 'boolean' },
      user: { type: 'string' },
    },
    min: 1,
    max: Number.POSITIVE_INFINITY,
    argName: 'SOURCE',
  },
  run: runMigrate,
}
