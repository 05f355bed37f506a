import { stringValue } from '../args'
import type { CliCommand } from '../command'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { atomicWriteFile } from '../../engine/fs/atomicWrite'
import { saveMarsysFile } from '../../engine/marsys/codec'
import { CliError } from '../cliErrors'
import { EXIT_OK, type CliIo } from '../io'
import { describeFsError } from '../readInput'
import { openInputFile } from './openInput'

/** Load and save with no edits: an identity check of the codec, written atomically (with a .bak when replacing). */
export async function runResave(io: CliIo, fileArg: string, outArg: string | undefined): Promise<number> {
  const file = await openInputFile(io.cwd, fileArg)
  const bytes = saveMarsysFile(file)
  const target = resolve(io.cwd, outArg ?? fileArg)
  const replacing = existsSync(target)
  try {
    await atomicWriteFile(target, bytes, { backup: replacing })
  } catch (e) {
    throw new CliError(describeFsError(outArg ?? fileArg, e))
  }
  const identical = bytes.equals(file.buffer)
  io.stdout(
    `${fileArg}: saved ${bytes.length.toLocaleString('en-US')} bytes to ${outArg ?? fileArg}` +
      `${identical ? ' (byte-identical)' : ' (CHANGED)'}${replacing ? `; previous version kept as ${outArg ?? fileArg}.bak` : ''}\n`,
  )
  return EXIT_OK
}

export const resaveCommand: CliCommand = {
  name: 'resave',
  usage: 'resave FILE [-o OUT]',
  summary: 'load and save without edits (byte-identical; keeps FILE.bak)',
  args: { options: { out: { type: 'string', short: 'o' } }, min: 1, max: 1 },
  run: (io, args) => runResave(io, args.positionals[0], stringValue(args, 'out')),
}
