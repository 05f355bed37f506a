import type { CliCommand } from '../command'
import { insightsCommand } from './insights'
import { resaveCommand } from './resave'
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
  serveCommand,
  storeRepairCommand,
]
