import type { CliCommand } from '../command'
import { resaveCommand } from './resave'
import { serveCommand } from './serve'
import { statsCommand } from './stats'
import { storeRepairCommand } from './storeRepair'
import { validateCommand } from './validate'

/** Every command, in the order the usage text lists them. */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  statsCommand,
  resaveCommand,
  serveCommand,
  storeRepairCommand,
]
