import { formatCount } from '../../lib/format'
import { formatIso } from './format'
import { useSessions, useSessionsStore } from './SessionsProvider'

/** The session's current summary, and "Summarize now" (forced, whatever the threshold). */
export function SummaryPanel() {
  const store = useSessionsStore()
  const summary = useSessions((state) => state.open?.detail?.summary ?? null)
  const busy = useSessions((state) => state.open?.summarizing ?? false)
  return (
    <section className="session-panel" aria-labelledby="session-summary-title" aria-busy={busy}>
      <div className="session-panel-head">
        <h3 id="session-summary-title">Summary</h3>
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={() => void store.getState().summarize()}
        >
          {busy ? 'Summarizing…' : 'Summarize now'}
        </button>
      </div>
      {summary ? (
        <div className="session-summary" data-testid="session-summary">
          <p className="session-summary-text">{summary.summary}</p>
          {summary.key_topics.length > 0 ? (
            <p>
              <span className="muted">Topics: </span>
              {summary.key_topics.map((topic) => (
                <span key={topic} className="chip">
                  {topic}
                </span>
              ))}
            </p>
          ) : null}
          <p className="muted">
            {formatCount(summary.message_count)} messages, {formatIso(summary.start_time)} –{' '}
            {formatIso(summary.end_time)}; made {formatIso(summary.created_at)}
          </p>
        </div>
      ) : (
        <p className="muted">No summary yet.</p>
      )}
    </section>
  )
}
