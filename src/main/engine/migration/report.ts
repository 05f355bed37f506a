import type { LossEntry, MigrationIssue, SessionLoss, SourceKind } from './types'

export type SessionOutcome =
  /** Written to the store. */
  | 'migrated'
  /** Dry run: would be written. */
  | 'would_migrate'
  /** Its source is already in the store (a previous run, or twice in this one). */
  | 'already_present'
  /** The target has another session with this id; not written. */
  | 'conflict'
  /** Writing it failed; the store is as before for this session. */
  | 'failed'

export interface SessionResult {
  /** The id in the target store (after a rename on conflict). */
  session_id: string
  /** The id the source gave it, when different. */
  source_session_id?: string
  source: string
  outcome: SessionOutcome
  messages: number
  reason?: string
}

export interface SourceSummary {
  path: string
  kind: SourceKind
  /** As counted before reading (an adapter database counts documents, not sessions). */
  sessions: number
  messages: number
  /** False when the run stopped (cancel) before this source was read to the end. */
  finished: boolean
}

/** What `migrate` returns; its JSON form is what `memory-inspector migrate --json` prints. */
export interface MigrationReport {
  dry_run: boolean
  /** True when no error occurred and the run was not cancelled. */
  success: boolean
  cancelled: boolean
  started_at: string
  finished_at: string
  sources: SourceSummary[]
  /** Sessions written (dry run: that would be written) and their messages. */
  sessions_migrated: number
  messages_migrated: number
  /** Sessions not written: already present or in conflict. */
  skipped: number
  sessions: SessionResult[]
  /** Data that is not carried over, per session and field, with the reason. Listed in the dry run too. */
  losses: SessionLoss[]
  /** Values the sources lack that the migration supplied or interpreted, per session and field. */
  notes: SessionLoss[]
  errors: MigrationIssue[]
}

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
