import type { SimulationView } from '../../../../shared/domains/summaries/contract'
import { formatCount, roleClass } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'

/** `[0, 1, 2, 5]` → `[[0, 2], [5, 5]]`. */
export function indexRuns(indices: readonly number[]): [number, number][] {
  const runs: [number, number][] = []
  for (const index of indices) {
    const last = runs[runs.length - 1]
    if (last && index === last[1] + 1) last[1] = index
    else runs.push([index, index])
  }
  return runs
}

const MAX_RUNS = 30

/** Which messages a stage changed, as runs (`#0–28`) whose buttons jump to their first message in the document. */
function Changed({ docId, label, indices }: { docId: string; label: string; indices: number[] }) {
  const { view } = useStores()
  if (indices.length === 0) return null
  const runs = indexRuns(indices)
  const shown = runs.slice(0, MAX_RUNS)
  return (
    <span className="compaction-changed">
      {label}{' '}
      {shown.map(([from, to]) => (
        <button
          key={from}
          type="button"
          className="link"
          aria-label={from === to ? `Go to message ${from}` : `Go to messages ${from} to ${to}`}
          onClick={() => view.getState().jumpTo(docId, from)}
        >
          {from === to ? `#${from}` : `#${from}–${to}`}
        </button>
      ))}
      {runs.length > shown.length ? ` … ${runs.length - shown.length} more` : ''}
    </span>
  )
}

/** One message of the before/after lists: a button to it in the document, or a new message (no position). */
function MessageLine({
  docId,
  message,
  position,
}: {
  docId: string
  message: { role: string; preview: string }
  position: number | null
}) {
  const { view } = useStores()
  const body = (
    <>
      <span className="muted">{position === null ? 'new' : `#${position}`}</span>{' '}
      <span className={`role-badge ${roleClass(message.role)}`}>{message.role}</span> {message.preview}
    </>
  )
  if (position === null) return <span className="compaction-item">{body}</span>
  return (
    <button type="button" className="compaction-item" onClick={() => view.getState().jumpTo(docId, position)}>
      {body}
    </button>
  )
}

function stageStatus(stage: SimulationView['stages'][number]): string {
  if (stage.ran) return 'ran'
  if (stage.error) return `failed: ${stage.error}`
  return `skipped (${stage.skippedReason ?? 'disabled'})`
}

/** Tokens before and after each stage, what it changed, and the messages before and after side by side. */
export function SimulationResult({ docId, view }: { docId: string; view: SimulationView }) {
  const kept = new Set(view.after.map((message) => message.origin))
  return (
    <div className="compaction-result">
      <p>
        <strong>
          {formatCount(view.tokensBefore)} → {formatCount(view.tokensAfter)} MARSYS tokens
        </strong>
        , {formatCount(view.before.length)} → {formatCount(view.after.length)} messages (threshold{' '}
        {formatCount(view.thresholdTokens)}, target {formatCount(view.targetTokens)})
      </p>
      {!view.triggered ? (
        <p role="status" className="muted">
          MARSYS would not compact now: {view.notTriggeredReason}
        </p>
      ) : null}
      {view.warnings.map((warning) => (
        <p key={warning} className="severity-warning">
          {warning}
        </p>
      ))}
      {view.stages.length > 0 ? (
        <table className="compaction-stages">
          <caption className="visually-hidden">Stages</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Result</th>
              <th scope="col">Tokens</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {view.stages.map((stage, i) => (
              <tr key={`${stage.name}-${i}`}>
                <th scope="row">{stage.name}</th>
                <td>{stageStatus(stage)}</td>
                <td>
                  {formatCount(stage.tokensBefore)} → {formatCount(stage.tokensAfter)}
                </td>
                <td>
                  <Changed docId={docId} label="changed" indices={stage.modified} />
                  <Changed docId={docId} label="removed" indices={stage.removed} />
                  {stage.inserted > 0 ? <span> added {stage.inserted}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="compaction-sides">
        <section aria-label="Before">
          <h4>Before</h4>
          <ol className="compaction-list">
            {view.before.map((message) => (
              <li
                key={message.position}
                className={kept.has(message.position) ? undefined : 'compaction-gone'}
                title={kept.has(message.position) ? undefined : 'Removed or changed by the compaction'}
              >
                <MessageLine docId={docId} message={message} position={message.position} />
              </li>
            ))}
          </ol>
        </section>
        <section aria-label="After">
          <h4>After</h4>
          <ol className="compaction-list">
            {view.after.map((message, i) => (
              <li key={i} className={message.origin === null ? 'compaction-new' : undefined}>
                <MessageLine docId={docId} message={message} position={message.origin} />
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  )
}
