import './insights.css'
import { useCallback, useState } from 'react'
import type { EditCommand } from '../../../../shared/model/edit'
import type { DocumentInsights, SuggestedActionView } from '../../../../shared/domains/insights/model'
import { useDocuments, useStores } from '../../stores/StoresContext'
import { useDocumentResource } from '../shared/useDocumentResource'
import { actionCommands, redactionCommands, runLabel } from './actionCommands'
import { AnalysisSections } from './AnalysisSections'
import { GraphView } from './GraphView'
import { MessageLinks } from './MessageLinks'
import { useCompactionThreshold } from './useCompactionThreshold'

type Tab = 'report' | 'graph'

/** What went wrong in one conversation, what to do first (one click where the app can), and its graph. */
export function InsightsPanel({ docId }: { docId: string }) {
  const memoryType = useDocuments((state) => state.summaries[docId]?.memoryType ?? null)
  const [tab, setTab] = useState<Tab>(memoryType === 'kg' ? 'graph' : 'report')
  return (
    <div className="insights">
      <div className="insights-tabs" role="tablist" aria-label="Insights views">
        {(['report', 'graph'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'on' : undefined}
            onClick={() => setTab(t)}
          >
            {t === 'report' ? 'Report' : 'Graph'}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab === 'report' ? 'Report' : 'Graph'}>
        {tab === 'report' ? <InsightReport docId={docId} /> : <GraphView docId={docId} />}
      </div>
    </div>
  )
}

function InsightReport({ docId }: { docId: string }) {
  const threshold = useCompactionThreshold()
  if (threshold === undefined) return <p aria-busy="true">Analysing…</p>
  return <InsightReportAt docId={docId} thresholdTokens={threshold ?? undefined} />
}

function InsightReportAt({ docId, thresholdTokens }: { docId: string; thresholdTokens?: number }) {
  const stores = useStores()
  const fetchReport = useCallback(
    (id: string) => stores.client.call('insights.document', { id, thresholdTokens }),
    [stores, thresholdTokens],
  )
  const { data: report, error, loading } = useDocumentResource(docId, fetchReport)
  const [previewing, setPreviewing] = useState(false)
  const [busy, setBusy] = useState(false)
  if (error) return <p role="alert">Could not analyse this document: {error}</p>
  if (!report) return <p aria-busy="true">Analysing…</p>

  /** One undoable edit, refused when the report describes an older revision than the document's. */
  const apply = async (commands: EditCommand[], what: string): Promise<void> => {
    const current = stores.documents.getState().summaries[docId]?.revision
    if (current !== undefined && current !== report.revision) {
      stores.notices.getState().push({
        level: 'warning',
        message: 'The document changed since this report: wait for the new report and try again.',
      })
      return
    }
    setBusy(true)
    try {
      const outcome = await stores.edit.getState().edit(docId, commands)
      if (outcome.ok) stores.notices.getState().push({ level: 'info', message: `${what} (Undo reverts it).` })
    } finally {
      setBusy(false)
    }
  }

  const select = (indices: readonly number[]): void => {
    const ids = indices.map((i) => report.messageIds[i]).filter((id) => id !== undefined)
    if (indices.length > 0) stores.view.getState().jumpTo(docId, indices[0])
    if (ids.length > 0) stores.view.getState().setSelection(docId, ids, ids[0])
  }

  const run = (action: SuggestedActionView): void => {
    const { run } = action
    if (run.type === 'redact') return setPreviewing(true)
    if (run.type === 'compaction-preview') return stores.view.getState().setPanel('compaction')
    if (run.type === 'show-messages') return select(run.messageIndices)
    const commands = actionCommands(run, report)
    if (commands && commands.length > 0) void apply(commands, action.title)
  }

  return (
    <div className="insight-report" aria-busy={loading}>
      <section className="insight-section" aria-label="Suggested actions">
        <h4>Suggested actions</h4>
        {report.actions.length === 0 ? (
          <p className="muted">Nothing to fix.</p>
        ) : (
          <ul className="action-list">
            {report.actions.map((action) => (
              <li key={action.id} className="action">
                <span className={`chip severity-${severityClass(action.severity)}`}>{action.severity}</span>{' '}
                <span className="action-title">{action.title}</span>
                <div className="action-detail muted">{action.detail}</div>
                <div className="action-row">
                  <MessageLinks docId={docId} indices={action.messageIndices} max={8} />
                  <button
                    type="button"
                    className="small"
                    disabled={busy || loading}
                    aria-label={`${runLabel(action.run)}: ${action.title}`}
                    onClick={() => run(action)}
                  >
                    {runLabel(action.run)}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <SecretsSection
        docId={docId}
        report={report}
        previewing={previewing}
        setPreviewing={setPreviewing}
        busy={busy || loading}
        onApply={() =>
          void apply(redactionCommands(report), `Redacted ${report.secrets.findings.length} secrets`).then(
            () => setPreviewing(false),
          )
        }
      />
      <AnalysisSections docId={docId} analysis={report.analysis} />
    </div>
  )
}

const severityClass = (severity: SuggestedActionView['severity']): string =>
  severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'info'

function SecretsSection({
  docId,
  report,
  previewing,
  setPreviewing,
  busy,
  onApply,
}: {
  docId: string
  report: DocumentInsights
  previewing: boolean
  setPreviewing(open: boolean): void
  busy: boolean
  onApply(): void
}) {
  const { findings, messageIndices } = report.secrets
  return (
    <section className="insight-section" aria-label="Secrets">
      <h4>Secrets</h4>
      {findings.length === 0 ? (
        <p className="muted">No secret-looking strings.</p>
      ) : (
        <>
          <p>
            {findings.length} secret-looking string{findings.length === 1 ? '' : 's'} in{' '}
            {messageIndices.length} message{messageIndices.length === 1 ? '' : 's'}.{' '}
            {!previewing ? (
              <button type="button" className="small" onClick={() => setPreviewing(true)}>
                Redact secrets
              </button>
            ) : null}
          </p>
          {previewing ? (
            <div className="redaction-preview" role="region" aria-label="Redaction preview">
              <table className="data-table insight-table" aria-label="Secrets to redact">
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col">Message</th>
                    <th scope="col">Path</th>
                    <th scope="col">Preview</th>
                  </tr>
                </thead>
                <tbody>
                  {findings.map((f, i) => (
                    <tr key={i}>
                      <td>{f.kind}</td>
                      <td>
                        <MessageLinks docId={docId} indices={[f.messageIndex]} />
                      </td>
                      <td>
                        <code>{f.jsonPath}</code>
                      </td>
                      <td>
                        <code>{f.preview}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">
                Each becomes <code>[REDACTED:kind]</code>, as one edit that Undo reverts.
              </p>
              <div className="action-row">
                <button type="button" className="primary small" disabled={busy} onClick={onApply}>
                  Apply redaction
                </button>
                <button type="button" className="small" onClick={() => setPreviewing(false)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
        </>
      )}
    </section>
  )
}
