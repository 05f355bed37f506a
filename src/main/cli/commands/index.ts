import type { CliCommand } from '../command'
import { backupCommand } from './backup'
import { exportCommand } from './export'
import { migrateCommand } from './migrate'
import { resaveCommand } from './resave'
import { restoreCommand } from './restore'
import { serveCommand } from './serve'
import { statsCommand } from './stats'
import { validateCommand } from './validate'

/** Every command, in the order the usage text lists them. */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  statsCommand,
  resaveCommand,
  serveCommand,
  migrateCommand,
  exportCommand,
  backupCommand,
  restoreCommand,
]
