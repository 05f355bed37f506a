import type { CliCommand } from './command'
import { COMMANDS } from './commands'

const COLUMN = 44

/** One command: its usage and summary side by side, or the summary on the next line when the usage is long. */
const usageLine = ({ usage, summary }: { usage: string; summary: string }): string =>
  usage.length < COLUMN
    ? `  ${usage.padEnd(COLUMN)} ${summary}`
    : `  ${usage}\n  ${''.padEnd(COLUMN)} ${summary}`

/** The usage text, built from the commands' own usage lines. */
export const USAGE = `Usage: memory-inspector <command> [options]

Commands:
${COMMANDS.map(usageLine).join('\n')}

Options:
  --json          machine-readable output
  --debug         show stack traces for unexpected errors
  -h, --help      show this help
`

/** One command's help: its usage line, what it does, and every option it takes (from its own `args`). */
export function commandUsage(command: CliCommand): string {
  const options = Object.entries(command.args.options).map(([name, spec]) => {
    const flag = `${spec.short === undefined ? '' : `-${spec.short}, `}--${name}${spec.type === 'string' ? ' VALUE' : ''}`
    return `  ${flag}${spec.multiple === true ? ' (repeatable)' : ''}`
  })
  return `Usage: memory-inspector ${command.usage}

${command.summary}

Options:
${[...options, '  --debug', '  -h, --help'].join('\n')}
`
}
