import type {
  MigrationReport,
  SessionOutcome,
  SessionResult,
  SourceSummary,
} from '../../../shared/domains/migration/contract'
import type { LossEntry, SessionLoss } from './types'

export type { MigrationReport, SessionOutcome, SessionResult, SourceSummary }

/** Adds per-session entries, merging same session + field + reason. */
export function addEntries(target: SessionLoss[], sessionId: string, entries: readonly LossEntry[]): void {
  for (const entry of entries) {
    const existing = target.find(
      (item) => item.session_id === sessionId && item.field === entry.field && item.reason === entry.reason,
    )
    if (existing === undefined) target.push({ session_id: sessionId, ...entry })
    else existing.count += entry.count
  }
}

/** One line per fact, for people: what was done, what was not, what was lost. */
export function formatReport(report: MigrationReport): string {
  const lines: string[] = []
  for (const source of report.sources)
    lines.push(`source ${source.path}: ${source.kind}${source.finished ? '' : ' (not finished)'}`)
  const verb = report.dry_run ? 'would migrate' : 'migrated'
  lines.push(
    `${verb} ${report.sessions_migrated} session(s), ${report.messages_migrated} message(s); skipped ${report.skipped}` +
      (report.cancelled ? '; CANCELLED before the end' : ''),
  )
  for (const session of report.sessions) {
    if (session.outcome === 'migrated' || session.outcome === 'would_migrate') continue
    lines.push(
      `  ${session.outcome}: ${session.session_id} (${session.source})${session.reason ? `: ${session.reason}` : ''}`,
    )
  }
  for (const loss of report.losses)
    lines.push(`  loss: session ${loss.session_id}, ${loss.field} ×${loss.count}: ${loss.reason}`)
  for (const note of report.notes)
    lines.push(`  note: session ${note.session_id}, ${note.field} ×${note.count}: ${note.reason}`)
  for (const error of report.errors)
    lines.push(`  error: ${error.source}${error.location ? ` (${error.location})` : ''}: ${error.error}`)
  return `${lines.join('\n')}\n`
}
