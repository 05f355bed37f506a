import type { ArgSpec, ParsedArgs } from './args'
import type { CliIo } from './io'

/**
 * One `memory-inspector` command: its arguments (parsed with `util.parseArgs`), one usage line, and what it does.
 * Commands live in `commands/` and are listed once in `commands/index.ts`.
 */
export interface CliCommand {
  name: string
  /** `name [options] ARGS…` and a short description, as the usage text shows them. */
  usage: string
  summary: string
  args: ArgSpec
  run(io: CliIo, args: ParsedArgs): Promise<number>
}
