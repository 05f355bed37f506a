import { UsageError } from './errors'

export interface ParsedArgs {
  command: string
  positionals: string[]
  flags: Set<string>
  values: Map<string, string>
}

export interface CommandSpec {
  /** Boolean flags, long form (`--json`). */
  flags: readonly string[]
  /** Flags that take a value, long form, with short aliases (`-o` → `--out`). */
  values?: readonly string[]
  aliases?: Readonly<Record<string, string>>
  /** Positional argument count. */
  min: number
  max: number
}

/**
 * Parses `<command> [options] [args]` for one command's spec. Options may come before or after the arguments,
 * `--name=value` and `--name value` both work, and `--` ends the options.
 */
export function parseCommandArgs(command: string, argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const parsed: ParsedArgs = { command, positionals: [], flags: new Set(), values: new Map() }
  let optionsEnded = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg)
      continue
    }
    if (arg === '--') {
      optionsEnded = true
      continue
    }
    const eq = arg.indexOf('=')
    const rawName = eq > 0 ? arg.slice(0, eq) : arg
    const name = spec.aliases?.[rawName] ?? rawName
    if (spec.flags.includes(name)) {
      if (eq > 0) throw new UsageError(`${rawName} takes no value`)
      parsed.flags.add(name)
    } else if (spec.values?.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
      if (value === undefined || value === '') throw new UsageError(`${rawName} needs a value`)
      parsed.values.set(name, value)
    } else throw new UsageError(`unknown option for ${command}: ${rawName}`)
  }
  const count = parsed.positionals.length
  if (count < spec.min)
    throw new UsageError(`${command}: missing ${spec.min === 1 && spec.max === 1 ? 'FILE' : 'FILE argument'}`)
  if (count > spec.max)
    throw new UsageError(
      `${command}: expected ${spec.max === 1 ? 'one FILE' : `at most ${spec.max} files`}, got ${count}`,
    )
  return parsed
}
