import { SummaryDetails } from '../compaction/SummaryDetails'
import { useSessions, useStores } from '../../stores/StoresContext'

/** The session's current summary, and "Summarize now" (forced, whatever the threshold). */
export function SummaryPanel({ sessionId }: { sessionId: string }) {
  const store = useStores().sessions
  const summary = useSessions((state) => state.info[sessionId]?.detail?.summary ?? null)
  const busy = useSessions((state) => state.info[sessionId]?.summarizing ?? false)
  const notice = useSessions((state) => state.info[sessionId]?.notice ?? null)
  return (
    <section className="session-panel" aria-labelledby="session-summary-title" aria-busy={busy}>
      <div className="session-panel-head">
        <h3 id="session-summary-title">Summary</h3>
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={() => void store.getState().summarize(sessionId)}
        >
          {busy ? 'Summarizing…' : 'Summarize now'}
        </button>
      </div>
      {notice ? (
        <p
          role={notice.level === 'error' ? 'alert' : 'status'}
          className={notice.level === 'error' ? 'severity-error' : 'muted'}
        >
          {notice.message}
        </p>
      ) : null}
      {summary ? (
        <div className="session-summary" data-testid="session-summary">
          <SummaryDetails summary={summary} textClassName="session-summary-text" />
        </div>
      ) : (
        <p className="muted">No summary yet.</p>
      )}
    </section>
  )
}
