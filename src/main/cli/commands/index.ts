import type { CliCommand } from '../command'
import { backupCommand } from './backup'
import { compactCommand } from './compact'
import { exportCommand } from './export'
import { insightsCommand } from './insights'
import { migrateCommand } from './migrate'
import { resaveCommand } from './resave'
import { restoreCommand } from './restore'
import { serveCommand } from './serve'
import { statsCommand } from './stats'
import { storeRepairCommand } from './storeRepair'
import { summarizeCommand } from './summarize'
import { validateCommand } from './validate'

/** Every command, in the order the usage text lists them. */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  statsCommand,
  insightsCommand,
  summarizeCommand,
  compactCommand,
  resaveCommand,
  migrateCommand,
  exportCommand,
  backupCommand,
  restoreCommand,
  storeRepairCommand,
  serveCommand,
]
