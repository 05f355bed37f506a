import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './cliErrors'

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>

/** What one command accepts: its options in `util.parseArgs` form and how many positional arguments. */
export interface ArgSpec {
  options: OptionSpecs
  /** Positional argument count, and what to call them in messages. */
  min: number
  max: number
  argName?: string
}

export interface ParsedArgs {
  positionals: string[]
  values: Record<string, string | boolean | string[] | undefined>
}

/**
 * Parses one command's arguments with Node's `util.parseArgs` (options anywhere, `--name=value`, `--` ends the
 * options) and turns its errors into usage errors that name the command.
 */
export function parseCommandArgs(command: string, argv: readonly string[], spec: ArgSpec): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: [...argv], options: spec.options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(`${command}: ${describeParseError(error)}`)
  }
  const count = parsed.positionals.length
  const name = spec.argName ?? 'FILE'
  if (count < spec.min) throw new UsageError(`${command}: missing ${name}`)
  if (count > spec.max)
    throw new UsageError(
      `${command}: expected ${spec.max === 1 ? `one ${name}` : `at most ${spec.max} ${name}s`}, got ${count}`,
    )
  return { positionals: parsed.positionals, values: parsed.values as ParsedArgs['values'] }
}

/** `util.parseArgs` messages, shortened to what a person needs (the option and what is wrong with it). */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: string }).code
  const option = /'(-{1,2}[^', ]+)/.exec(message)?.[1]
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? message}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument')
        ? `${option ?? 'option'} takes no value`
        : `${option ?? 'option'} needs a value`
    default:
      return message
  }
}

/** A string option's value, or undefined. */
export const stringValue = (args: ParsedArgs, name: string): string | undefined => {
  const value = args.values[name]
  return typeof value === 'string' ? value : undefined
}

export const flagValue = (args: ParsedArgs, name: string): boolean => args.values[name] === true
