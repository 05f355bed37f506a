import { COMMANDS } from './commands'

const COLUMN = 44

/** The usage text, built from the commands' own usage lines. */
export const USAGE = `Usage: memory-inspector <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.usage.padEnd(COLUMN)} ${command.summary}`).join('\n')}

Options:
  --json          machine-readable output
  --debug         show stack traces for unexpected errors
  -h, --help      show this help
`
