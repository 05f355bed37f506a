import type { SimulationView } from '../../../../shared/domains/summaries/contract'
import { formatCount, roleClass } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'

/** Which messages a stage changed, as buttons that jump to them in the document. */
function Changed({ docId, label, indices }: { docId: string; label: string; indices: number[] }) {
  const { view } = useStores()
  if (indices.length === 0) return null
  const shown = indices.slice(0, 40)
  return (
    <span className="compaction-changed">
      {label}{' '}
      {shown.map((index) => (
        <button
          key={index}
          type="button"
          className="link"
          aria-label={`Go to message ${index}`}
          onClick={() => view.getState().jumpTo(docId, index)}
        >
          #{index}
        </button>
      ))}
      {indices.length > shown.length ? ` … ${indices.length - shown.length} more` : ''}
    </span>
  )
}

function stageStatus(stage: SimulationView['stages'][number]): string {
  if (stage.ran) return 'ran'
  if (stage.error) return `failed: ${stage.error}`
  return `skipped (${stage.skippedReason ?? 'disabled'})`
}

/** Tokens before and after each stage, what it changed, and the messages before and after side by side. */
export function SimulationResult({ docId, view }: { docId: string; view: SimulationView }) {
  const { view: viewStore } = useStores()
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
              <li key={message.position}>
                <button
                  type="button"
                  className="compaction-item"
                  onClick={() => viewStore.getState().jumpTo(docId, message.position)}
                >
                  <span className="muted">#{message.position}</span>{' '}
                  <span className={`role-badge ${roleClass(message.role)}`}>{message.role}</span>{' '}
                  {message.preview}
                </button>
              </li>
            ))}
          </ol>
        </section>
        <section aria-label="After">
          <h4>After</h4>
          <ol className="compaction-list">
            {view.after.map((message, i) => (
              <li key={i} className={message.origin === null ? 'compaction-new' : undefined}>
                {message.origin === null ? (
                  <span className="compaction-item">
                    <span className="muted">new</span>{' '}
                    <span className={`role-badge ${roleClass(message.role)}`}>{message.role}</span>{' '}
                    {message.preview}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="compaction-item"
                    onClick={() => viewStore.getState().jumpTo(docId, message.origin!)}
                  >
                    <span className="muted">#{message.origin}</span>{' '}
                    <span className={`role-badge ${roleClass(message.role)}`}>{message.role}</span>{' '}
                    {message.preview}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  )
}
