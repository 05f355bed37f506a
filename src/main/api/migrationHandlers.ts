import { basename, extname } from 'node:path'
import { stat } from 'node:fs/promises'
import { MIGRATION_CHANNELS } from '../../shared/domains/migration/channels'
import type { ExportFormat, ExportMemoryType } from '../../shared/domains/migration/contract'
import { isFileSource } from '../engine/conversations/files/marsysFileSource'
import { isSessionSource } from '../engine/conversations/sessions/storeSessionSource'
import { AppError } from '../engine/appError'
import { atomicWriteFile } from '../engine/fs/atomicWrite'
import {
  exportSession,
  MemoryMigrator,
  sourceFileSession,
  storeSession,
  type ExportableSession,
  type MigrateOptions,
  type MigrationReport,
} from '../engine/migration'
import type { Handlers } from './dispatch'
import { MigrationJobs } from './migrationJobs'
import type { Services } from './services'

type MigrationHandlers = Pick<Handlers, (typeof MIGRATION_CHANNELS)[number]>

/**
 * The migration channels (see src/shared/domains/migration). A run works in the main process, because it writes
 * through the app's own store backend (which holds the store's lock and caches); it yields to the event loop
 * between sessions every few milliseconds (see engine/migration/timeSlice.ts), so other calls are answered
 * meanwhile, and it can be cancelled between sessions.
 */
export function createMigrationHandlers(services: Services): MigrationHandlers {
  const { policy, documents, bus } = services
  const migrator = new MemoryMigrator()
  const jobs = new MigrationJobs(bus)
  services.disposers.push(() => jobs.cancelAll())

  const backend = async () => (await services.sessions.get()).backend
  const allowed = (paths: string[]): Promise<string[]> => Promise.all(paths.map((path) => policy.check(path)))
  const options = (renameConflicts: boolean | undefined): MigrateOptions => ({
    onConflict: renameConflicts ? 'rename' : 'skip',
  })

  const announce = (report: MigrationReport): void => {
    for (const session of report.sessions)
      if (session.outcome === 'migrated') bus.emit('session.changed', { id: session.session_id })
  }

  /** The document as an export reads it: a store session as stored, a file as saved on disk. */
  const exportable = async (id: string): Promise<{ session: ExportableSession; stem: string }> => {
    const conversation = documents.get(id)
    const source = conversation.source
    if (isSessionSource(source)) {
      const session = await storeSession(await backend(), source.sessionId)
      if (session === null)
        throw new AppError('NOT_FOUND', `No session ${source.sessionId} in the session store`)
      return { session, stem: fileSafe(source.sessionId) }
    }
    if (!isFileSource(source))
      throw new AppError('UNSUPPORTED', `${conversation.displayName} cannot be exported`)
    if (conversation.dirty)
      throw new AppError(
        'CONFLICT',
        `${conversation.displayName} has unsaved changes: save it first (Export… reads the file as saved)`,
        { file: source.path, reason: 'unsaved' },
      )
    try {
      return {
        session: await sourceFileSession(source.path, null),
        stem: basename(source.path, extname(source.path)),
      }
    } catch (error) {
      throw new AppError('PARSE_ERROR', messageOf(error), { file: source.path })
    }
  }

  const render = async (input: {
    id: string
    format: ExportFormat
    memoryType?: ExportMemoryType
    model?: string
  }) => {
    const { session, stem } = await exportable(input.id)
    let result
    try {
      result = exportSession(session, input.format, { memoryType: input.memoryType, model: input.model })
    } catch (error) {
      throw new AppError('INVALID_INPUT', `Cannot export as ${input.format}: ${messageOf(error)}`)
    }
    const suffix = input.format === 'marsys' ? '' : `.${input.format}`
    return { result, session, suggestedName: `${stem}${suffix}.${result.extension}` }
  }

  return {
    'migration.validate': async ({ paths, renameConflicts }) =>
      migrator.validate(await allowed(paths), await backend(), options(renameConflicts)),
    'migration.start': async ({ paths, renameConflicts }) => {
      const sources = await allowed(paths)
      const target = await backend() // a locked store is refused now, not in the job
      const jobId = jobs.start(async (signal, onProgress) => {
        const report = await migrator.migrate(sources, target, {
          ...options(renameConflicts),
          signal,
          onProgress,
        })
        announce(report)
        return report
      })
      return { jobId }
    },
    'migration.job': ({ jobId }) => {
      const job = jobs.get(jobId)
      if (!job) throw new AppError('NOT_FOUND', `No migration job ${jobId}`)
      return job
    },
    'migration.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'migration.exportPlan': async (input) => {
      const { result, session, suggestedName } = await render(input)
      return { losses: result.losses, messages: session.messages.length, suggestedName }
    },
    'migration.export': async ({ path, overwrite, ...input }) => {
      const { result, suggestedName } = await render(input)
      const bytes = Buffer.byteLength(result.text)
      if (path === undefined)
        return { path: null, text: result.text, bytes, suggestedName, losses: result.losses }
      const target = await policy.checkWritable(path)
      const existing = await stat(target).catch(() => null)
      if (existing?.isDirectory())
        throw new AppError('INVALID_INPUT', `${target} is a folder`, { file: target })
      if (existing && !overwrite)
        throw new AppError('CONFLICT', `${target} already exists; confirm to overwrite it`, {
          file: target,
          reason: 'target-exists',
        })
      await atomicWriteFile(target, result.text, { backup: true })
      return { path: target, text: null, bytes, suggestedName, losses: result.losses }
    },
  }
}

/** A session id as a file name: characters no file system minds, nothing else. */
const fileSafe = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'session'

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
