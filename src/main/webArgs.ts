export interface WebArgs {
  files: string[]
  port: number
  open: boolean
  dataDir?: string
  host: '127.0.0.1'
}

export class UsageError extends Error {}

/** `serve [FILES…] [--port N] [--no-open] [--data-dir DIR]` */
export function parseWebArgs(argv: string[]): WebArgs {
  const args: WebArgs = { files: [], port: 0, open: true, host: '127.0.0.1' }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = (): string => {
      const next = argv[++i]
      if (next === undefined) throw new UsageError(`${arg} needs a value`)
      return next
    }
    if (arg === '--port' || arg.startsWith('--port=')) {
      const raw = arg.includes('=') ? arg.slice('--port='.length) : value()
      const port = Number(raw)
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0–65535, got ${raw}`)
      args.port = port
    } else if (arg === '--no-open') args.open = false
    else if (arg === '--data-dir' || arg.startsWith('--data-dir='))
      args.dataDir = arg.includes('=') ? arg.slice('--data-dir='.length) : value()
    else if (arg === '--host' || arg.startsWith('--host=')) {
      const host = arg.includes('=') ? arg.slice('--host='.length) : value()
      if (host !== '127.0.0.1' && host !== 'localhost')
        throw new UsageError('web mode listens on 127.0.0.1 only')
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`)
    else args.files.push(arg)
  }
  return args
}
