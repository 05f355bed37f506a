import { resolve } from 'node:path'
import type { IMemoryBackend, IMemoryMigrator, ProgressCallback } from '../../../shared/model/langswarm'
import { writeBackup, type BackupResult } from './backup'
import { migrate, type MigrateOptions } from './migrate'
import type { MigrationReport } from './migrationReport'
import { SOURCE_KINDS, type SourceKind } from './types'

/**
 * `source_config` for `migrateFromV1` / `validateMigration` (spec §11.4's proposal): where to read and how.
 * `type` is optional — sources are detected from their content — and when given, a source of another kind is an
 * error rather than a surprise.
 */
export interface SourceConfig {
  type?: SourceKind | 'auto'
  /** Files or folders; `path` and V1's `db_path` are accepted for one. */
  paths?: string[]
  path?: string
  db_path?: string
  naive_timestamps_as?: 'utc' | 'local'
  default_user_id?: string | null
  document_role?: 'user' | 'system'
  on_conflict?: 'skip' | 'rename'
}

/** `validateMigration`'s answer: the dry-run report plus spec §11.4's verdict fields. */
export interface ValidationReport extends MigrationReport {
  valid: boolean
  issues: MigrationReport['errors']
  /** Ids of sessions the target already has under another source. */
  conflicts: string[]
}

/**
 * The seed's `IMemoryMigrator`, implemented (the Python has only the interface). Each method also has a typed
 * form that the CLI and the app use: `migrate`, `validate`, `backup`, `restore`.
 */
export class MemoryMigrator implements IMemoryMigrator {
  async migrateFromV1(
    sourceConfig: Record<string, unknown>,
    targetBackend: IMemoryBackend,
    progressCallback?: ProgressCallback,
  ): Promise<Record<string, unknown>> {
    const { paths, options, expected } = readConfig(sourceConfig)
    return {
      ...(await this.migrate(paths, targetBackend, { ...options, onProgress: progressCallback }, expected)),
    }
  }

  async validateMigration(
    sourceConfig: Record<string, unknown>,
    targetBackend: IMemoryBackend,
  ): Promise<Record<string, unknown>> {
    const { paths, options, expected } = readConfig(sourceConfig)
    return { ...(await this.validate(paths, targetBackend, options, expected)) }
  }

  /** True when every session was written; the typed `backup` says how many and throws the reason. */
  async backupData(backend: IMemoryBackend, backupPath: string): Promise<boolean> {
    try {
      await this.backup(backend, backupPath)
      return true
    } catch {
      return false
    }
  }

  /** True when the backup was read without error (sessions already present count as restored). */
  async restoreData(backend: IMemoryBackend, backupPath: string): Promise<boolean> {
    return (await this.restore(backend, backupPath)).success
  }

  migrate(
    paths: readonly string[],
    backend: IMemoryBackend,
    options: MigrateOptions = {},
    expected?: SourceKind,
  ): Promise<MigrationReport> {
    return migrate(paths, backend, expected === undefined ? options : { ...options, expectKind: expected })
  }

  async validate(
    paths: readonly string[],
    backend: IMemoryBackend,
    options: Omit<MigrateOptions, 'dryRun'> = {},
    expected?: SourceKind,
  ): Promise<ValidationReport> {
    const report = await this.migrate(paths, backend, { ...options, dryRun: true }, expected)
    const conflicts = report.sessions.filter((s) => s.outcome === 'conflict').map((s) => s.session_id)
    return {
      ...report,
      valid: report.errors.length === 0 && conflicts.length === 0,
      issues: report.errors,
      conflicts,
    }
  }

  backup(backend: IMemoryBackend, path: string, onProgress?: ProgressCallback): Promise<BackupResult> {
    return writeBackup(backend, resolve(path), { onProgress })
  }

  restore(backend: IMemoryBackend, path: string, options: MigrateOptions = {}): Promise<MigrationReport> {
    return this.migrate([path], backend, options, 'backup')
  }
}

function readConfig(config: Record<string, unknown>): {
  paths: string[]
  options: MigrateOptions
  expected?: SourceKind
} {
  const c = config as SourceConfig
  const paths = [...(Array.isArray(c.paths) ? c.paths : []), c.path, c.db_path].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  )
  if (paths.length === 0) throw new Error('source_config needs `paths`, `path` or `db_path`')
  if (c.type !== undefined && c.type !== 'auto' && !SOURCE_KINDS.includes(c.type))
    throw new Error(`source_config.type must be auto or one of ${SOURCE_KINDS.join(', ')}`)
  const options: MigrateOptions = {
    naiveTimestampsAs: c.naive_timestamps_as === 'local' ? 'local' : 'utc',
    defaultUserId: c.default_user_id ?? null,
    documentRole: c.document_role === 'system' ? 'system' : 'user',
    onConflict: c.on_conflict === 'rename' ? 'rename' : 'skip',
  }
  return { paths, options, expected: c.type === 'auto' ? undefined : c.type }
}
