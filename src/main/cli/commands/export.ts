import { resolve } from 'node:path'
import { stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
import { atomicWriteFile } from '../../engine/fs/atomicWrite'
import {
  EXPORT_FORMATS,
  exportSession,
  sourceFileSession,
  storeSession,
  type ExportableSession,
  type ExportFormat,
} from '../../engine/migration'
import { CliError, UsageError } from '../cliErrors'
import { EXIT_OK, type CliIo } from '../io'
import { describeFsError } from '../readInput'
import { DATA_DIR_OPTION, withSessionStore } from './sessionStore'

/**
 * One session — from a file (MARSYS, database, backup) or from the store — in one format, to stdout or to a
 * file written atomically. What the format cannot hold is listed on stderr.
 */
async function runExport(io: CliIo, args: ParsedArgs): Promise<number> {
  const format = stringValue(args, 'format')
  if (format === undefined) throw new UsageError(`export: missing --format (${EXPORT_FORMATS.join('|')})`)
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`export: --format must be one of ${EXPORT_FORMATS.join(', ')}`)
  const file = args.positionals[0]
  const sessionId = stringValue(args, 'session') ?? null
  const dataDir = stringValue(args, 'data-dir')
  if (file === undefined && (dataDir === undefined || sessionId === null))
    throw new UsageError('export: give a FILE, or --data-dir DIR and --session ID')
  if (file !== undefined && dataDir !== undefined)
    throw new UsageError('export: give a FILE or --data-dir, not both')

  const session =
    file !== undefined ? await fromFile(io, file, sessionId) : await fromStore(io, dataDir!, sessionId!)
  let result
  try {
    result = exportSession(session, format as ExportFormat, {
      memoryType: stringValue(args, 'memory-type'),
      model: stringValue(args, 'model'),
    })
  } catch (error) {
    throw new CliError(
      `cannot export as ${format}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  for (const loss of result.losses) io.stderr(`not exported: ${loss.field} ×${loss.count}: ${loss.reason}\n`)
  const out = stringValue(args, 'out')
  if (out === undefined) {
    io.stdout(result.text)
    return EXIT_OK
  }
  try {
    await atomicWriteFile(resolve(io.cwd, out), result.text, { backup: true })
  } catch (error) {
    throw new CliError(describeFsError(out, error))
  }
  io.stderr(
    `wrote ${session.messages.length} message(s) of session ${session.metadata.session_id} to ${out}\n`,
  )
  return EXIT_OK
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
  usage: 'export (FILE | --data-dir DIR --session ID) --format F [-o OUT]',
  summary: `one session as ${EXPORT_FORMATS.join('|')}`,
  args: {
    options: {
      ...DATA_DIR_OPTION,
      session: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'memory-type': { type: 'string' },
      model: { type: 'string' },
    },
    min: 0,
    max: 1,
  },
  run: runExport,
}
