import './handoffs.css'
import type { TextMatcher } from '../../../../shared/search/textMatcher'
import type { HandoffsView, MessageDetail } from '../../../../shared/model/document'
import { formatCount } from '../../lib/format'
import { HighlightedText } from '../../components/HighlightedText'

/** Who a call (or an `agent_calls` list) hands the turn to, with each request; several run in parallel. */
export function HandoffList({
  handoffs,
  label,
  pattern,
}: {
  handoffs: HandoffsView
  label: string
  pattern: TextMatcher | null
}) {
  const { invocations, problem } = handoffs
  return (
    <div className="handoffs" role="group" aria-label={label}>
      {invocations.length > 0 ? (
        <>
          <div className="handoffs-head">
            {invocations.length > 1
              ? `Hands off to ${invocations.length} agents in parallel`
              : 'Hands off to'}
          </div>
          <ul className="handoff-list">
            {invocations.map((invocation, i) => (
              <li key={i} className="handoff-item" aria-label={`Hand-off to ${invocation.agent}`}>
                <span className="handoff-agent">→ {invocation.agent}</span>
                <span className={`handoff-request ${invocation.request === '' ? 'muted' : ''}`}>
                  <HighlightedText
                    text={invocation.request === '' ? '(no request)' : invocation.request}
                    pattern={pattern}
                  />
                </span>
                {invocation.requestLength !== undefined ? (
                  <span className="muted">
                    {' '}
                    (first {formatCount(invocation.request.length)} of {formatCount(invocation.requestLength)}{' '}
                    characters)
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {problem !== null ? (
        <p className="handoff-problem">
          <span className="chip severity-warning">not a hand-off MARSYS accepts</span> {problem}
        </p>
      ) : null}
    </div>
  )
}

/** The older hand-off form: a message's `agent_calls` list. */
export function AgentCalls({ detail, pattern }: { detail: MessageDetail; pattern: TextMatcher | null }) {
  if (!detail.agentCalls) return null
  return <HandoffList handoffs={detail.agentCalls} label="Agent calls" pattern={pattern} />
}
