import type { CliCommand } from '../command'
import { backupCommand } from './backup'
import { exportCommand } from './export'
import { insightsCommand } from './insights'
import { migrateCommand } from './migrate'
import { resaveCommand } from './resave'
import { restoreCommand } from './restore'
import { serveCommand } from './serve'
import { statsCommand } from './stats'
import { storeRepairCommand } from './storeRepair'
import { validateCommand } from './validate'

/** Every command, in the order the usage text lists them. */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  statsCommand,
  insightsCommand,
  resaveCommand,
  migrateCommand,
  exportCommand,
  backupCommand,
  restoreCommand,
  storeRepairCommand,
  serveCommand,
]
