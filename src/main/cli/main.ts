import { parseCommandArgs, type CommandSpec } from './args'
import { runResave } from './commands/resave'
import { runServe } from './commands/serve'
import { runStats } from './commands/stats'
import { runValidate } from './commands/validate'
import { CliError, UsageError } from './errors'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './io'
import { USAGE } from './usage'

const SPECS: Record<string, CommandSpec> = {
  validate: { flags: ['--json'], min: 1, max: Infinity },
  stats: { flags: ['--json', '--per-message'], min: 1, max: 1 },
  resave: { flags: [], values: ['--out'], aliases: { '-o': '--out' }, min: 1, max: 1 },
}

/** Runs one CLI invocation and returns the exit code: 0 ok, 1 failed (bad file), 2 usage error. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const debug = argv.includes('--debug')
  const args = argv.filter((a) => a !== '--debug')
  try {
    return await run(args, io)
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && e.name === 'UsageError')) {
      io.stderr(`memory-inspector: ${e.message}\n\n${USAGE}`)
      return EXIT_USAGE
    }
    if (e instanceof CliError) {
      io.stderr(`memory-inspector: ${e.message}\n`)
      return EXIT_FAILED
    }
    const message = e instanceof Error ? e.message : String(e)
    io.stderr(
      `memory-inspector: unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`,
    )
    if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`)
    return EXIT_FAILED
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined) throw new UsageError('missing command')
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE)
    return EXIT_OK
  }
  if (command === 'serve') {
    if (rest.includes('--help') || rest.includes('-h')) return help(io)
    return runServe(rest)
  }
  const spec = SPECS[command]
  if (!spec) throw new UsageError(`unknown command: ${command}`)
  if (rest.includes('--help') || rest.includes('-h')) return help(io)
  const parsed = parseCommandArgs(command, rest, spec)
  switch (command) {
    case 'validate':
      return runValidate(io, parsed.positionals, parsed.flags.has('--json'))
    case 'stats':
      return runStats(
        io,
        parsed.positionals[0],
        parsed.flags.has('--json'),
        parsed.flags.has('--per-message'),
      )
    default:
      return runResave(io, parsed.positionals[0], parsed.values.get('--out'))
  }
}

function help(io: CliIo): number {
  io.stdout(USAGE)
  return EXIT_OK
}
