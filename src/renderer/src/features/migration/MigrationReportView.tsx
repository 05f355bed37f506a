import type { ReactNode } from 'react'
import type {
  MigrationReport,
  MigrationSourceKind,
  SessionLoss,
  SessionOutcome,
} from '../../../../shared/domains/migration/contract'

/** Rows shown per table: a report of thousands of sessions stays a page the browser can draw. */
const MAX_ROWS = 500

const OUTCOME_LABEL: Record<SessionOutcome, string> = {
  migrated: 'imported',
  would_migrate: 'will import',
  already_present: 'already in the store',
  conflict: 'id taken',
  failed: 'failed',
}

const KIND_LABEL: Record<MigrationSourceKind, string> = {
  marsys_file: 'MARSYS file',
  marsys_folder: 'MARSYS folder',
  langswarm_v2_sqlite: 'langswarm V2 SQLite',
  v1_session_sqlite: 'V1 session SQLite',
  v1_adapter_sqlite: 'V1 memory adapter SQLite',
  backup: 'backup',
}

/** The kind of source a session came from: the longest source path its location starts with. */
function sourceKindOf(report: MigrationReport, location: string): string {
  let best: MigrationReport['sources'][number] | null = null
  for (const source of report.sources)
    if (location.startsWith(source.path) && (best === null || source.path.length > best.path.length))
      best = source
  return best ? KIND_LABEL[best.kind] : ''
}

interface TableRow {
  key: string
  cells: ReactNode[]
  error?: boolean
}

/** One table of the report, at most MAX_ROWS rows, saying how many more there are; `empty` when it has none. */
function ReportTable({
  label,
  headers,
  rows,
  empty,
}: {
  label: string
  headers: string[]
  rows: TableRow[]
  empty: string
}) {
  if (rows.length === 0) return <p className="muted">{empty}</p>
  const shown = rows.slice(0, MAX_ROWS)
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.key} className={row.error ? 'error-row' : undefined}>
              {row.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length ? (
        <p className="muted">
          … and {rows.length - shown.length} more (the full list:{' '}
          <code>memory-inspector migrate … --json</code>)
        </p>
      ) : null}
    </div>
  )
}

const entryRows = (entries: SessionLoss[]): TableRow[] =>
  entries.map((entry, i) => ({
    key: String(i),
    cells: [
      <code key="s">{entry.session_id}</code>,
      <code key="f">{entry.field}</code>,
      entry.count,
      entry.reason,
    ],
  }))
const ENTRY_HEADERS = ['Session', 'Field', 'Count', 'Reason']

/**
 * A migration report as tables: the sources (per kind), each session's outcome, what is lost (per session and
 * field, with the reason), notes, and errors. In a run's result, imported sessions link to their tab.
 */
export function MigrationReportView({
  report,
  onOpenSession,
}: {
  report: MigrationReport
  onOpenSession?: (sessionId: string) => void
}) {
  const verb = report.dry_run ? 'Would import' : 'Imported'
  const sessionCell = (session: MigrationReport['sessions'][number]): ReactNode => {
    const openable =
      onOpenSession !== undefined && (session.outcome === 'migrated' || session.outcome === 'already_present')
    return (
      <>
        {openable ? (
          <button
            type="button"
            className="link"
            aria-label={`Open session ${session.session_id}`}
            onClick={() => onOpenSession(session.session_id)}
          >
            {session.session_id}
          </button>
        ) : (
          <code>{session.session_id}</code>
        )}
        {session.source_session_id ? <span className="muted"> (was {session.source_session_id})</span> : null}
      </>
    )
  }
  return (
    <div className="migration-report">
      <p className="migration-summary" role="status">
        {verb} <strong>{report.sessions_migrated}</strong> session(s) with{' '}
        <strong>{report.messages_migrated}</strong> message(s); {report.skipped} skipped
        {report.losses.length > 0 ? `; ${report.losses.length} loss(es)` : '; nothing lost'}
        {report.errors.length > 0 ? `; ${report.errors.length} error(s)` : ''}
        {report.cancelled ? '. Cancelled before the end: a new run imports the rest.' : '.'}
      </p>

      <h3>Sources</h3>
      <ReportTable
        label="Sources"
        headers={['Path', 'Kind', 'Sessions', 'Messages', ...(report.dry_run ? [] : ['Read to the end'])]}
        empty="No readable source."
        rows={report.sources.map((source) => ({
          key: source.path,
          cells: [
            <code key="p">{source.path}</code>,
            KIND_LABEL[source.kind],
            source.sessions,
            source.messages,
            ...(report.dry_run ? [] : [source.finished ? 'yes' : 'no']),
          ],
        }))}
      />

      <h3>Sessions</h3>
      <ReportTable
        label="Sessions to import"
        headers={['Session', 'From', 'Kind', 'Outcome', 'Messages', 'Why']}
        empty="No session."
        rows={report.sessions.map((session, i) => ({
          key: `${session.source}#${i}`,
          error: session.outcome === 'failed',
          cells: [
            sessionCell(session),
            <code key="f">{session.source}</code>,
            sourceKindOf(report, session.source),
            <span key="o" className={`outcome outcome-${session.outcome}`}>
              {OUTCOME_LABEL[session.outcome]}
            </span>,
            session.messages,
            session.reason ?? '',
          ],
        }))}
      />

      <h3>Losses</h3>
      <ReportTable
        label="Losses"
        headers={ENTRY_HEADERS}
        empty="Nothing is lost: every field is carried over."
        rows={entryRows(report.losses)}
      />

      {report.notes.length > 0 ? (
        <>
          <h3>Notes</h3>
          <p className="muted">Values the sources lack, supplied or interpreted by the import.</p>
          <ReportTable label="Notes" headers={ENTRY_HEADERS} empty="" rows={entryRows(report.notes)} />
        </>
      ) : null}

      <h3>Errors</h3>
      <ReportTable
        label="Errors"
        headers={['Source', 'Where', 'Error']}
        empty="No error."
        rows={report.errors.map((error, i) => ({
          key: String(i),
          error: true,
          cells: [
            <code key="s">{error.source}</code>,
            [error.location, error.session_id && `session ${error.session_id}`].filter(Boolean).join(', '),
            error.error,
          ],
        }))}
      />
    </div>
  )
}
