/** Migration: sources detected from content → the session store; store sessions → MARSYS and provider formats. */
export { MemoryMigrator, type SourceConfig, type ValidationReport } from './memoryMigrator'
export { migrate, type MigrateOptions } from './migrate'
export { detectSources, type DetectedSources } from './detect'
export { writeBackup, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupResult } from './backup'
export {
  formatReport,
  type MigrationReport,
  type SessionResult,
  type SessionOutcome,
  type SourceSummary,
} from './migrationReport'
export { storeSession, sourceFileSession } from './exportSource'
export {
  exportSession,
  EXPORT_FORMATS,
  EXPORT_MEMORY_TYPES,
  type ExportFormat,
  type ExportMemoryType,
  type ExportOptions,
  type ExportResult,
  type ExportableSession,
} from './exports'
export { parsePyLiteral, PyLiteralError, type PyLiteralValue } from './pyLiteral'
export {
  SOURCE_KINDS,
  type SourceKind,
  type MigrationIssue,
  type SessionLoss,
  type ReadOptions,
} from './types'
