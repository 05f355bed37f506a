import { parseCommandArgs } from './args'
import { COMMANDS } from './commands'
import { CliError, UsageError } from './cliErrors'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './io'
import { commandUsage, USAGE } from './usage'

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
  const [name, ...rest] = argv
  if (name === undefined) throw new UsageError('missing command')
  if (name === '--help' || name === '-h' || name === 'help') return help(io)
  const command = COMMANDS.find((candidate) => candidate.name === name)
  if (!command) throw new UsageError(`unknown command: ${name}`)
  const beforeDashes = rest.indexOf('--') === -1 ? rest : rest.slice(0, rest.indexOf('--'))
  if (beforeDashes.includes('--help') || beforeDashes.includes('-h')) return help(io, commandUsage(command))
  return command.run(io, parseCommandArgs(name, rest, command.args))
}

function help(io: CliIo, text = USAGE): number {
  io.stdout(text)
  return EXIT_OK
}
