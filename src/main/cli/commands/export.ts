import { resolve } from 'node:path'
import { flagValue, stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
import { atomicWriteFile } from '../../engine/fs/atomicWrite'
import {
  EXPORT_FORMATS,
  EXPORT_MEMORY_TYPES,
  exportSession,
  sourceFileSession,
  storeSession,
  type ExportableSession,
} from '../../engine/migration'
import { CliError, UsageError } from '../cliErrors'
import { EXIT_OK, type CliIo } from '../io'
import { describeFsError } from '../readInput'
import { DATA_DIR_OPTION, withSessionStore } from './sessionStore'

/**
 * One session — from a file (MARSYS, database, backup) or from the store — in one format, to stdout or to a
 * file written atomically. What the format cannot hold is listed on stderr (with --json: in the report on
 * stdout); --dry-run lists it without writing.
 */
async function runExport(io: CliIo, args: ParsedArgs): Promise<number> {
  const format = choice(args, 'format', EXPORT_FORMATS)
  if (format === undefined) throw new UsageError(`export: missing --format (${EXPORT_FORMATS.join('|')})`)
  const memoryType = choice(args, 'memory-type', EXPORT_MEMORY_TYPES)
  const file = args.positionals[0]
  const sessionId = stringValue(args, 'session') ?? null
  const dataDir = stringValue(args, 'data-dir')
  const out = stringValue(args, 'out')
  const dryRun = flagValue(args, 'dry-run')
  const json = flagValue(args, 'json')
  if (file === undefined && (dataDir === undefined || sessionId === null))
    throw new UsageError('export: give a FILE, or --data-dir DIR and --session ID')
  if (file !== undefined && dataDir !== undefined)
    throw new UsageError('export: give a FILE or --data-dir, not both')
  if (json && !dryRun && out === undefined)
    throw new UsageError('export: --json prints the report on stdout: give -o OUT, or --dry-run')

  const session =
    file !== undefined ? await fromFile(io, file, sessionId) : await fromStore(io, dataDir!, sessionId!)
  let result
  try {
    result = exportSession(session, format, { memoryType, model: stringValue(args, 'model') })
  } catch (error) {
    throw new CliError(
      `cannot export as ${format}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const written = dryRun || out === undefined ? null : await write(io, out, result.text)
  if (json) {
    const sessionIdOut = session.metadata.session_id
    const losses = result.losses.map((loss) => ({ session_id: sessionIdOut, ...loss }))
    io.stdout(`${JSON.stringify({ format, losses, written }, null, 2)}\n`)
    return EXIT_OK
  }
  for (const loss of result.losses) io.stderr(`not exported: ${loss.field} ×${loss.count}: ${loss.reason}\n`)
  const messages = `${session.messages.length} message(s) of session ${session.metadata.session_id}`
  if (dryRun) io.stderr(`would export ${messages}${out === undefined ? '' : ` to ${out}`}; nothing written\n`)
  else if (written === null) io.stdout(result.text)
  else io.stderr(`wrote ${messages} to ${out}\n`)
  return EXIT_OK
}

/** A string option that must be one of `allowed`; a usage error otherwise. */
function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[]): T | undefined {
  const value = stringValue(args, name)
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined
  throw new UsageError(`export: --${name} must be one of ${allowed.join(', ')}`)
}

/** Writes atomically (the previous file kept as `.bak`); returns the absolute path. */
async function write(io: CliIo, out: string, text: string): Promise<string> {
  const path = resolve(io.cwd, out)
  try {
    await atomicWriteFile(path, text, { backup: true })
  } catch (error) {
    throw new CliError(describeFsError(out, error))
  }
  return path
}

async function fromFile(io: CliIo, file: string, sessionId: string | null): Promise<ExportableSession> {
  try {
    return await sourceFileSession(resolve(io.cwd, file), sessionId)
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
}

function fromStore(io: CliIo, dataDir: string, sessionId: string): Promise<ExportableSession> {
  return withSessionStore(io.cwd, dataDir, async (backend, storePath) => {
    const session = await storeSession(backend, sessionId)
    if (session === null)
      throw new CliError(`session store ${storePath}: no session ${JSON.stringify(sessionId)}`)
    return session
  })
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export (FILE | --data-dir DIR --session ID) --format F [-o OUT] [--dry-run] [--json]',
  summary: `one session as ${EXPORT_FORMATS.join('|')}`,
  args: {
    options: {
      ...DATA_DIR_OPTION,
      session: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'memory-type': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      model: { type: 'string' },
    },
    min: 0,
    max: 1,
  },
  run: runExport,
}
