import { UsageError } from './cli/cliErrors'
import { parseCommandArgs, stringValue, type ArgSpec, type ParsedArgs } from './cli/args'

export { UsageError }

export interface WebArgs {
  files: string[]
  port: number
  open: boolean
  dataDir?: string
  host: '127.0.0.1'
}

/** `serve [FILES…] [--port N] [--no-open] [--data-dir DIR]`: one spec for `npm run serve` and the CLI. */
export const SERVE_ARGS: ArgSpec = {
  options: {
    port: { type: 'string' },
    'no-open': { type: 'boolean' },
    'data-dir': { type: 'string' },
    host: { type: 'string' },
  },
  min: 0,
  max: Infinity,
}

export const parseWebArgs = (argv: string[]): WebArgs =>
  webArgsFrom(parseCommandArgs('serve', argv, SERVE_ARGS))

export function webArgsFrom(parsed: ParsedArgs): WebArgs {
  const args: WebArgs = {
    files: parsed.positionals,
    port: 0,
    open: parsed.values['no-open'] !== true,
    host: '127.0.0.1',
  }
  const port = stringValue(parsed, 'port')
  if (port !== undefined) {
    const value = Number(port)
    if (port.trim() === '' || !Number.isInteger(value) || value < 0 || value > 65535)
      throw new UsageError(`--port must be 0–65535, got ${port}`)
    args.port = value
  }
  const dataDir = stringValue(parsed, 'data-dir')
  if (dataDir !== undefined) args.dataDir = dataDir
  const host = stringValue(parsed, 'host')
  if (host !== undefined && host !== '127.0.0.1' && host !== 'localhost')
    throw new UsageError('web mode listens on 127.0.0.1 only')
  return args
}
