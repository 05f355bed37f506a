import { useState } from 'react'
import {
  SUMMARIZERS,
  type SummarizerChoice,
  type SummaryResult,
} from '../../../../shared/domains/summaries/contract'
import { errorText } from '../../api/describeError'
import { CopyButton } from '../../components/CopyButton'
import { useDocuments, useStores } from '../../stores/StoresContext'
import { downloadText } from '../../lib/download'
import { exportBaseName, summaryMarkdown, summaryMessageJson } from './summaryExport'
import { CancelJobButton, JobStatus } from './JobStatus'
import { SummaryDetails } from './SummaryDetails'
import { useJob } from './useJob'

const LABEL: Record<SummarizerChoice, string> = {
  extractive: 'Extractive (offline)',
  langswarm: "langswarm-memory's template",
  llm: 'LLM (Settings)',
}

/** "Summarize" with a summarizer choice; the result shown, copyable, downloadable and insertable as a message. */
export function SummarySection({ docId }: { docId: string }) {
  const stores = useStores()
  const name = useDocuments((state) => state.summaries[docId]?.name ?? 'conversation')
  const messageCount = useDocuments((state) => state.summaries[docId]?.messageCount ?? 0)
  const isSession = useDocuments((state) => (state.summaries[docId]?.sessionId ?? null) !== null)
  const [summarizer, setSummarizer] = useState<SummarizerChoice>('extractive')
  const [result, setResult] = useState<SummaryResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [inserted, setInserted] = useState<string | null>(null)
  const job = useJob()

  const summarize = async () => {
    setError(null)
    setInserted(null)
    try {
      const made = await job.run((jobId) =>
        stores.client.call('summary.summarize', { id: docId, summarizer, jobId }),
      )
      // A session's stored summary reaches its Session panel through `session.changed`.
      setResult(made)
    } catch (caught) {
      setError(errorText(caught))
    }
  }

  const insert = async () => {
    if (!result) return
    const outcome = await stores.edit
      .getState()
      .edit(docId, [{ op: 'insert', index: messageCount, json: summaryMessageJson(result.summary) }])
    setInserted(outcome.ok ? `Inserted as message #${messageCount} (undo with Ctrl+Z)` : null)
    if (!outcome.ok) setError(outcome.message)
  }

  const summary = result?.summary
  const markdown = summary ? summaryMarkdown(summary, name) : ''
  return (
    <section className="compaction-section" aria-labelledby="summary-title" aria-busy={job.running}>
      <h3 id="summary-title">Summary</h3>
      <div className="compaction-row">
        <label>
          Summarizer{' '}
          <select
            value={summarizer}
            onChange={(event) => setSummarizer(event.target.value as SummarizerChoice)}
            disabled={job.running}
          >
            {SUMMARIZERS.map((id) => (
              <option key={id} value={id}>
                {LABEL[id]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small" disabled={job.running} onClick={() => void summarize()}>
          {job.running ? 'Summarizing…' : 'Summarize'}
        </button>
        <CancelJobButton job={job} />
      </div>
      <JobStatus job={job} error={error} />
      {summary ? (
        <div className="compaction-summary" data-testid="conversation-summary">
          <SummaryDetails
            summary={summary}
            textClassName="compaction-summary-text"
            note={result?.stored ? ' · stored as the session’s summary' : undefined}
          />
          <div className="compaction-row">
            <CopyButton text={markdown} label="Copy" />
            <button
              type="button"
              className="small"
              onClick={() => downloadText(`${exportBaseName(name)}.md`, markdown, 'text/markdown')}
            >
              Download .md
            </button>
            <button
              type="button"
              className="small"
              onClick={() =>
                downloadText(
                  `${exportBaseName(name)}.json`,
                  JSON.stringify(summary, null, 2) + '\n',
                  'application/json',
                )
              }
            >
              Download .json
            </button>
            <button type="button" className="small" onClick={() => void insert()}>
              Insert as message
            </button>
          </div>
          {inserted ? (
            <p role="status" className="muted">
              {inserted}
            </p>
          ) : null}
        </div>
      ) : isSession ? (
        <p className="muted">A session’s summary is stored as its current summary.</p>
      ) : null}
    </section>
  )
}
