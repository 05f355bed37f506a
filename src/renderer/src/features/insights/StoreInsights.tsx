import './insights.css'
import { useCallback, useState, type ReactNode } from 'react'
import { formatCount } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'
import { thresholdShareOf, type StoreInsightsView } from '../../../../shared/domains/insights/model'
import { useInsightJob } from './useInsightJob'
import { useCompactionThreshold } from './useCompactionThreshold'

/** What each insight type is about, for a store-wide heading (each insight's own title names one session's case). */
const INSIGHT_LABEL: Record<string, string> = {
  secrets: 'Secret-looking strings',
  'token-pressure': 'Token use against the compaction threshold',
  'tool-failures': 'Failing tools',
  'tool-loops': 'Tool calls repeated with the same arguments',
  'orphan-results': 'Orphan tool results',
  'unanswered-calls': 'Unanswered tool calls',
  handoffs: 'Hand-offs between agents',
  'content-errors': 'Messages reporting errors',
  refusals: 'Refusals',
  'time-gaps': 'Long pauses or time going backwards',
  'role-distribution': 'Messages by role',
}

const severityClass = (severity: string): string =>
  severity === 'high' ? 'severity-error' : severity === 'medium' ? 'severity-warning' : 'severity-info'

/** The Sessions page's "Insights" button, and the store-wide insights it shows. */
export function StoreInsights() {
  const [open, setOpen] = useState(false)
  const [attempt, setAttempt] = useState(0)
  return (
    <div className="store-insights">
      <button
        type="button"
        className="small"
        aria-expanded={open}
        aria-controls="store-insights"
        onClick={() => {
          setOpen(!open)
          setAttempt((n) => n + 1)
        }}
      >
        Insights for the whole store
      </button>
      {open ? <StoreInsightsReport key={attempt} onClose={() => setOpen(false)} /> : null}
    </div>
  )
}

function StoreInsightsReport({ onClose }: { onClose(): void }) {
  const stores = useStores()
  const threshold = useCompactionThreshold()
  const start = useCallback(
    (jobId: string) =>
      stores.client.call('insights.store', {
        jobId,
        ...(typeof threshold === 'number' ? { thresholdTokens: threshold } : {}),
      }),
    [stores, threshold],
  )
  const load = useInsightJob(threshold === undefined ? null : start, '')

  const openSession = (id: string) => void stores.documents.getState().openSession(id)
  const sessionButton = (id: string) => (
    <button
      key={id}
      type="button"
      className="link"
      aria-label={`Open session ${id}`}
      onClick={() => openSession(id)}
    >
      {id}
    </button>
  )

  return (
    <section id="store-insights" className="store-insights-report" aria-label="Store insights">
      <div className="store-insights-head">
        <h2>Store insights</h2>
        <button type="button" className="small" onClick={onClose}>
          Close
        </button>
      </div>
      {!load || load.state === 'running' ? (
        <p role="status" aria-busy="true">
          {load?.state === 'running' && load.progress
            ? `Reading the sessions (${load.progress.phase} ${formatCount(load.progress.done)} of ${formatCount(load.progress.total)})…`
            : 'Reading the sessions…'}{' '}
          {load?.state === 'running' ? (
            <button
              type="button"
              className="small"
              onClick={() => void stores.client.call('insights.cancel', { jobId: load.jobId })}
            >
              Cancel
            </button>
          ) : null}
        </p>
      ) : load.state === 'failed' ? (
        <p role="alert">Could not read the store’s insights: {load.message}</p>
      ) : load.state === 'cancelled' ? (
        <p role="status">Cancelled.</p>
      ) : (
        <StoreReport report={load.value} sessionButton={sessionButton} />
      )}
    </section>
  )
}

/** For token use: the session's share of the threshold (` 82%`). */
function thresholdShare(insight: StoreInsightsView['insights'][number], id: string): string {
  const used = thresholdShareOf(insight, id)
  return used === null ? '' : ` ${Math.round(used * 100)}%`
}

function StoreReport({
  report,
  sessionButton,
}: {
  report: StoreInsightsView
  sessionButton(id: string): ReactNode
}) {
  const withActions = report.conversations.filter((c) => c.actions.length > 0)
  return (
    <>
      <p className="muted">
        {formatCount(report.sessionsRead)} of {formatCount(report.sessionsTotal)} session
        {report.sessionsTotal === 1 ? '' : 's'} read (the newest first).
      </p>
      <h3>Across the store</h3>
      {report.insights.length === 0 ? (
        <p className="muted">Nothing found.</p>
      ) : (
        <ul className="figure-list" aria-label="Insights across the store">
          {report.insights.map((insight) => (
            <li key={insight.insightId}>
              <strong>{INSIGHT_LABEL[insight.insightType] ?? insight.insightType}</strong>{' '}
              <span className="muted">({insight.description})</span>{' '}
              <span className="message-links">
                {insight.sourceRecords.map((record) => (
                  <span key={record.conversationId}>
                    {sessionButton(record.conversationId)}
                    {thresholdShare(insight, record.conversationId)}
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>What to fix, per session</h3>
      {withActions.length === 0 ? (
        <p className="muted">Nothing to fix in the sessions read.</p>
      ) : (
        <table className="data-table insight-table" aria-label="Suggested actions per session">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Messages</th>
              <th scope="col">Suggested actions</th>
            </tr>
          </thead>
          <tbody>
            {withActions.map((c) => (
              <tr key={c.conversationId}>
                <td>{sessionButton(c.conversationId)}</td>
                <td>{formatCount(c.messageCount)}</td>
                <td>
                  <ul className="figure-list">
                    {c.actions.map((action) => (
                      <li key={action.id}>
                        <span className={`chip ${severityClass(action.severity)}`}>{action.severity}</span>{' '}
                        {action.title}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
