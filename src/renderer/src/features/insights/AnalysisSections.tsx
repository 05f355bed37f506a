import type { ReactNode } from 'react'
import type { ConversationAnalysisView } from '../../../../shared/domains/insights/model'
import { MessageLinks } from './MessageLinks'

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="insight-section" aria-label={title}>
      <h4>{title}</h4>
      {children}
    </section>
  )
}

const duration = (seconds: number): string =>
  seconds >= 3600
    ? `${(seconds / 3600).toFixed(1)} h`
    : seconds >= 60
      ? `${Math.round(seconds / 60)} min`
      : `${Math.round(seconds)} s`

/** Cumulative tokens per turn as a small bar chart, with the threshold as a line. */
function TokenGrowth({ analysis }: { analysis: ConversationAnalysisView }) {
  const { turns, tokens } = analysis
  if (turns.length === 0) return null
  // Far below the threshold, its line would flatten the bars: then the bars fill the height and the line is left out.
  const showThreshold = tokens.thresholdUsed >= 0.25
  const top = Math.max(showThreshold ? tokens.thresholdTokens : 0, tokens.total, 1)
  const width = 240
  const height = 60
  const bar = width / turns.length
  const thresholdY = height - (tokens.thresholdTokens / top) * height
  return (
    <svg
      className="token-growth"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Tokens grow to ${tokens.total} over ${plural(turns.length, 'turn')}; the threshold is ${tokens.thresholdTokens}`}
    >
      {turns.map((turn, i) => {
        const h = (turn.cumulativeTokens / top) * height
        return <rect key={turn.turn} x={i * bar} y={height - h} width={Math.max(1, bar - 1)} height={h} />
      })}
      {showThreshold ? (
        <line x1={0} x2={width} y1={thresholdY} y2={thresholdY} className="threshold" />
      ) : null}
    </svg>
  )
}

/** The analysis, one section per question a developer asks, each figure linked to its messages. */
export function AnalysisSections({ docId, analysis }: { docId: string; analysis: ConversationAnalysisView }) {
  const { tools, handoffs, tokens, contentIssues, time, turns } = analysis
  const errors = contentIssues.filter((issue) => issue.kind === 'error')
  const refusals = contentIssues.filter((issue) => issue.kind === 'refusal')
  return (
    <>
      <Section title="Turns and roles">
        <p>
          {plural(analysis.messageCount, 'message')}, {plural(turns.length, 'turn')}.
        </p>
        <ul className="figure-list">
          {Object.entries(analysis.roles).map(([role, r]) => (
            <li key={role}>
              <span className={`role-name role-${role}`}>{role}</span> {r.count}{' '}
              <MessageLinks docId={docId} indices={r.messageIndices} max={6} />
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Tool usage">
        {tools.totalCalls === 0 && tools.orphanResults.length === 0 ? (
          <p className="muted">No tool calls.</p>
        ) : (
          <>
            <p>
              {plural(tools.totalCalls, 'call')}, {tools.answeredCalls} answered.
            </p>
            <table className="data-table insight-table" aria-label="Tools">
              <thead>
                <tr>
                  <th scope="col">Tool</th>
                  <th scope="col">Calls</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Where</th>
                </tr>
              </thead>
              <tbody>
                {tools.byTool.map((tool) => (
                  <tr key={tool.tool}>
                    <td>
                      <code>{tool.tool}</code>
                    </td>
                    <td>{tool.calls}</td>
                    <td className={tool.failures > 0 ? 'severity-error' : undefined}>
                      {tool.failures}
                      {tool.longestFailureStreak && tool.longestFailureStreak.length > 1
                        ? ` (${tool.longestFailureStreak.length} in a row)`
                        : ''}
                    </td>
                    <td>
                      <MessageLinks docId={docId} indices={tool.callIndices} max={4} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {tools.failures.length > 0 ? (
              <>
                <h5>Failures</h5>
                <ul className="figure-list">
                  {tools.failures.slice(0, 20).map((f) => (
                    <li key={`${f.resultIndex}`}>
                      <code>{f.tool}</code> <MessageLinks docId={docId} indices={[f.resultIndex]} />{' '}
                      <span className="muted">{f.excerpt}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {tools.loops.length > 0 ? (
              <>
                <h5>Loops (same call repeated)</h5>
                <ul className="figure-list">
                  {tools.loops.map((loop) => (
                    <li key={`${loop.tool}:${loop.callIndices[0]}`}>
                      <code>{loop.tool}</code> ×{loop.count} ({loop.longestRun} in a row){' '}
                      <MessageLinks docId={docId} indices={loop.callIndices} max={6} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {tools.unanswered.length > 0 ? (
              <>
                <h5>Unanswered calls</h5>
                <ul className="figure-list">
                  {tools.unanswered.slice(0, 20).map((u) => (
                    <li key={`${u.messageIndex}:${u.position}`}>
                      <code>{u.tool}</code> <span className="muted">{u.callId}</span>{' '}
                      <MessageLinks docId={docId} indices={[u.messageIndex]} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {tools.orphanResults.length > 0 ? (
              <>
                <h5>Orphan results</h5>
                <ul className="figure-list">
                  {tools.orphanResults.slice(0, 20).map((o) => (
                    <li key={o.messageIndex}>
                      <MessageLinks docId={docId} indices={[o.messageIndex]} />{' '}
                      <span className="muted">{o.reason.replace(/-/g, ' ')}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </Section>

      {handoffs.handoffs.length > 0 || handoffs.problems.length > 0 ? (
        <Section title="Hand-offs">
          <ul className="figure-list">
            {handoffs.handoffs.map((h, i) => (
              <li key={i}>
                <strong>{h.from ?? '?'}</strong> → <strong>{h.to}</strong>{' '}
                <MessageLinks
                  docId={docId}
                  indices={[h.messageIndex, ...(h.resultIndex !== null ? [h.resultIndex] : [])]}
                />
                {h.request ? <span className="muted"> “{h.request}”</span> : null}
              </li>
            ))}
            {handoffs.problems.map((p, i) => (
              <li key={`p${i}`} className="severity-warning">
                {p.problem} <MessageLinks docId={docId} indices={[p.messageIndex]} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title="Token growth">
        <p>
          {tokens.total.toLocaleString()} of {tokens.thresholdTokens.toLocaleString()} tokens (
          {Math.round(tokens.thresholdUsed * 100)}% of the compaction threshold, MARSYS count)
          {tokens.overThresholdAt !== null ? (
            <>
              ; over it from <MessageLinks docId={docId} indices={[tokens.overThresholdAt]} />
            </>
          ) : null}
          .
        </p>
        <TokenGrowth analysis={analysis} />
        <p>
          Largest:{' '}
          {tokens.largest.map((m) => (
            <span key={m.messageIndex} className="largest">
              <MessageLinks docId={docId} indices={[m.messageIndex]} /> {m.tokens.toLocaleString()}{' '}
            </span>
          ))}
        </p>
      </Section>

      {errors.length > 0 || refusals.length > 0 ? (
        <Section title="Errors and refusals">
          <ul className="figure-list">
            {[...errors, ...refusals].slice(0, 30).map((issue) => (
              <li key={`${issue.kind}:${issue.messageIndex}`}>
                <span className={`chip ${issue.kind === 'error' ? 'severity-error' : 'severity-warning'}`}>
                  {issue.kind}
                </span>{' '}
                <MessageLinks docId={docId} indices={[issue.messageIndex]} />{' '}
                <span className="muted">{issue.excerpt}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {time ? (
        <Section title="Time">
          <p>
            {plural(time.timestampedMessages, 'timestamped message')} over {duration(time.spanSeconds)},
            median gap {duration(time.medianGapSeconds)}.
          </p>
          <ul className="figure-list">
            {time.longGaps.slice(0, 10).map((gap) => (
              <li key={`g${gap.fromIndex}`}>
                pause of {duration(gap.seconds)}{' '}
                <MessageLinks docId={docId} indices={[gap.fromIndex, gap.toIndex]} />
              </li>
            ))}
            {time.outOfOrder.slice(0, 10).map((gap) => (
              <li key={`o${gap.fromIndex}`} className="severity-warning">
                time goes back {duration(Math.abs(gap.seconds))}{' '}
                <MessageLinks docId={docId} indices={[gap.fromIndex, gap.toIndex]} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  )
}
