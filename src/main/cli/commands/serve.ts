import type { CliCommand } from '../command'
import { SERVE_ARGS, webArgsFrom, type WebArgs } from '../../webArgs'

/** `serve` belongs to web mode; loaded lazily so the other commands never pull in the server. */
async function runServe(args: WebArgs): Promise<number> {
  const { runWebMode } = await import('../../web')
  await runWebMode(args)
  return 0
}

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [FILE...] [--port N] [--no-open] [--data-dir DIR]',
  summary: 'open the files in the browser UI (web mode)',
  args: SERVE_ARGS,
  run: (_io, args) => runServe(webArgsFrom(args)),
}
