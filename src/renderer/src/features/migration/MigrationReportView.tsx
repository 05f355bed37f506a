import type { MigrationReport, SessionOutcome } from '../../../../shared/domains/migration/contract'

/** Rows shown per table: a report of thousands of sessions stays a page the browser can draw. */
const MAX_ROWS = 500

const OUTCOME_LABEL: Record<SessionOutcome, string> = {
  migrated: 'imported',
  would_migrate: 'will import',
  already_present: 'already in the store',
  conflict: 'id taken',
  failed: 'failed',
}

const KIND_LABEL: Record<string, string> = {
  marsys_file: 'MARSYS file',
  marsys_folder: 'MARSYS folder',
  langswarm_v2_sqlite: 'langswarm V2 SQLite',
  v1_session_sqlite: 'V1 session SQLite',
  v1_adapter_sqlite: 'V1 memory adapter SQLite',
  backup: 'backup',
}

/** The source a session came from: the longest source path its location starts with. */
function sourceKindOf(report: MigrationReport, location: string): string {
  let best: { path: string; kind: string } | null = null
  for (const source of report.sources)
    if (location.startsWith(source.path) && (best === null || source.path.length > best.path.length))
      best = source
  return best ? (KIND_LABEL[best.kind] ?? best.kind) : ''
}

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className="muted">
      … and {total - shown} more (the full list: <code>memory-inspector migrate … --json</code>)
    </p>
  ) : null
}

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
  const sessions = report.sessions.slice(0, MAX_ROWS)
  const losses = report.losses.slice(0, MAX_ROWS)
  const notes = report.notes.slice(0, MAX_ROWS)
  const errors = report.errors.slice(0, MAX_ROWS)
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
      {report.sources.length === 0 ? (
        <p className="muted">No readable source.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label="Sources">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Kind</th>
                <th scope="col">Sessions</th>
                <th scope="col">Messages</th>
                {report.dry_run ? null : <th scope="col">Read to the end</th>}
              </tr>
            </thead>
            <tbody>
              {report.sources.map((source) => (
                <tr key={source.path}>
                  <td>
                    <code>{source.path}</code>
                  </td>
                  <td>{KIND_LABEL[source.kind] ?? source.kind}</td>
                  <td>{source.sessions}</td>
                  <td>{source.messages}</td>
                  {report.dry_run ? null : <td>{source.finished ? 'yes' : 'no'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>Sessions</h3>
      {sessions.length === 0 ? (
        <p className="muted">No session.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label="Sessions to import">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">From</th>
                <th scope="col">Kind</th>
                <th scope="col">Outcome</th>
                <th scope="col">Messages</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session, i) => {
                const openable =
                  onOpenSession !== undefined &&
                  (session.outcome === 'migrated' || session.outcome === 'already_present')
                return (
                  <tr
                    key={`${session.source}#${i}`}
                    className={session.outcome === 'failed' ? 'error-row' : undefined}
                  >
                    <td>
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
                      {session.source_session_id ? (
                        <span className="muted"> (was {session.source_session_id})</span>
                      ) : null}
                    </td>
                    <td>
                      <code>{session.source}</code>
                    </td>
                    <td>{sourceKindOf(report, session.source)}</td>
                    <td>
                      <span className={`outcome outcome-${session.outcome}`}>
                        {OUTCOME_LABEL[session.outcome]}
                      </span>
                    </td>
                    <td>{session.messages}</td>
                    <td>{session.reason ?? ''}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <More shown={sessions.length} total={report.sessions.length} />
        </div>
      )}

      <h3>Losses</h3>
      {losses.length === 0 ? (
        <p className="muted">Nothing is lost: every field is carried over.</p>
      ) : (
        <EntryTable label="Losses" entries={losses} total={report.losses.length} />
      )}

      {notes.length > 0 ? (
        <>
          <h3>Notes</h3>
          <p className="muted">Values the sources lack, supplied or interpreted by the import.</p>
          <EntryTable label="Notes" entries={notes} total={report.notes.length} />
        </>
      ) : null}

      <h3>Errors</h3>
      {errors.length === 0 ? (
        <p className="muted">No error.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label="Errors">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Where</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((error, i) => (
                <tr key={i} className="error-row">
                  <td>
                    <code>{error.source}</code>
                  </td>
                  <td>
                    {[error.location, error.session_id && `session ${error.session_id}`]
                      .filter(Boolean)
                      .join(', ')}
                  </td>
                  <td>{error.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <More shown={errors.length} total={report.errors.length} />
        </div>
      )}
    </div>
  )
}

function EntryTable({
  label,
  entries,
  total,
}: {
  label: string
  entries: MigrationReport['losses']
  total: number
}) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Field</th>
            <th scope="col">Count</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, i) => (
            <tr key={i}>
              <td>
                <code>{entry.session_id}</code>
              </td>
              <td>
                <code>{entry.field}</code>
              </td>
              <td>{entry.count}</td>
              <td>{entry.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More shown={entries.length} total={total} />
    </div>
  )
}
