import type { CliCommand } from '../command'
import { compactCommand } from './compact'
import { resaveCommand } from './resave'
import { serveCommand } from './serve'
import { statsCommand } from './stats'
import { summarizeCommand } from './summarize'
import { validateCommand } from './validate'

/** Every command, in the order the usage text lists them. */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  statsCommand,
  resaveCommand,
  summarizeCommand,
  compactCommand,
  serveCommand,
]
