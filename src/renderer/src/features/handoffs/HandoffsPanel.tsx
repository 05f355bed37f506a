import './handoffsPanel.css'
import { useCallback, useState, type ReactNode } from 'react'
import type { DocumentHandoffs, HandoffAnalysisView } from '../../../../shared/domains/insights/model'
import { formatCount } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'
import { useDocumentResource } from '../shared/useDocumentResource'

type Handoff = HandoffAnalysisView['handoffs'][number]
type Delegation = HandoffAnalysisView['delegations'][number]

/** Hand-offs listed at first; the rest come on demand (a long run can have thousands). */
const PAGE = 200

const plural = (count: number, noun: string): string =>
  `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`
const agentName = (name: string | null): string => name ?? '(unnamed agent)'
const pairKey = (from: string | null, to: string): string => JSON.stringify([from, to])

/** Who delegated to whom in one conversation, and each hand-off, linked to its message. */
export function HandoffsPanel({ docId }: { docId: string }) {
  const stores = useStores()
  const fetchHandoffs = useCallback((id: string) => stores.client.call('insights.handoffs', { id }), [stores])
  const { data, error, loading } = useDocumentResource(docId, fetchHandoffs)
  if (error) return <p role="alert">Could not read the hand-offs: {error}</p>
  if (!data) return <p aria-busy="true">Reading hand-offs…</p>
  return <HandoffsReport docId={docId} report={data} loading={loading} />
}

function HandoffsReport({
  docId,
  report,
  loading,
}: {
  docId: string
  report: DocumentHandoffs
  loading: boolean
}) {
  const { handoffs, problems, agents, delegations } = report.analysis
  const [pair, setPair] = useState<string | null>(null)
  if (handoffs.length === 0 && problems.length === 0) {
    return (
      <div className="handoffs-panel" aria-busy={loading}>
        <p className="empty-state">No hand-offs in this conversation</p>
        <p className="muted">
          A hand-off is an <code>invoke_agent</code> tool call (how MARSYS delegates to other agents, one per
          invocation) or an entry of a message&apos;s <code>agent_calls</code> list.
        </p>
      </div>
    )
  }
  const shown = pair === null ? handoffs : handoffs.filter((h) => pairKey(h.from, h.to) === pair)
  return (
    <div className="handoffs-panel" aria-busy={loading}>
      <p className="handoffs-summary">
        {plural(handoffs.length, 'hand-off')} between {plural(agents.length, 'agent')}
        {problems.length > 0 ? `, ${formatCount(problems.length)} refused` : ''}
      </p>
      <DelegationTable delegations={delegations} selected={pair} onSelect={setPair} />
      <AgentList agents={agents} />
      <section className="handoffs-section" aria-labelledby="handoff-list-title">
        <h3 id="handoff-list-title">
          Hand-offs{' '}
          {pair !== null ? (
            <>
              <span className="muted">
                ({formatCount(shown.length)} of {formatCount(handoffs.length)})
              </span>{' '}
              <button type="button" className="small" onClick={() => setPair(null)}>
                Show all
              </button>
            </>
          ) : null}
        </h3>
        <HandoffList key={pair ?? ''} docId={docId} handoffs={shown} />
      </section>
      {problems.length > 0 ? <ProblemList docId={docId} problems={problems} /> : null}
    </div>
  )
}

function DelegationTable({
  delegations,
  selected,
  onSelect,
}: {
  delegations: Delegation[]
  selected: string | null
  onSelect(pair: string | null): void
}) {
  if (delegations.length === 0) return null
  const most = Math.max(...delegations.map((d) => d.count))
  return (
    <section className="handoffs-section" aria-labelledby="delegations-title">
      <h3 id="delegations-title">Who delegated to whom</h3>
      <table className="delegation-table" aria-label="Delegations">
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Hand-offs</th>
          </tr>
        </thead>
        <tbody>
          {delegations.map((d) => {
            const key = pairKey(d.from, d.to)
            const on = selected === key
            return (
              <tr key={key} className={on ? 'on' : undefined}>
                <td>{agentName(d.from)}</td>
                <td>→ {d.to}</td>
                <td>
                  <button
                    type="button"
                    className="delegation-count"
                    aria-pressed={on}
                    aria-label={`${formatCount(d.count)} from ${agentName(d.from)} to ${d.to}: list only these`}
                    onClick={() => onSelect(on ? null : key)}
                  >
                    <span className="delegation-bar" style={{ width: `${(d.count / most) * 100}%` }} />
                    <span className="delegation-number">{formatCount(d.count)}</span>
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

function AgentList({ agents }: { agents: HandoffAnalysisView['agents'] }) {
  if (agents.length === 0) return null
  return (
    <section className="handoffs-section" aria-labelledby="agents-title">
      <h3 id="agents-title">Agents</h3>
      <ul className="agent-list">
        {agents.map((a) => (
          <li key={a.agent}>
            <strong>{a.agent}</strong>{' '}
            <span className="muted">
              {plural(a.messageIndices.length, 'message')} written, invoked{' '}
              {plural(a.invokedAt.length, 'time')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function answerOf(h: Handoff): { text: string; className: string } {
  if (h.source === 'agent_calls') return { text: 'agent_calls: no reply to pair', className: 'muted' }
  return h.resultIndex !== null
    ? { text: `answered in #${h.resultIndex}`, className: 'answered' }
    : { text: 'unanswered', className: 'unanswered' }
}

/** One row of a list: a button (named by what it shows) that goes to message `index`. */
function JumpRow({ docId, index, children }: { docId: string; index: number; children: ReactNode }) {
  const stores = useStores()
  return (
    <li>
      <button
        type="button"
        className="issue-button"
        onClick={() => stores.view.getState().jumpTo(docId, index)}
      >
        <span className="handoff-where">#{index}</span> {children}
      </button>
    </li>
  )
}

function HandoffList({ docId, handoffs }: { docId: string; handoffs: Handoff[] }) {
  const [limit, setLimit] = useState(PAGE)
  return (
    <>
      <ul className="issue-list" aria-label="Hand-off list">
        {handoffs.slice(0, limit).map((h, i) => {
          const answer = answerOf(h)
          return (
            <JumpRow key={i} docId={docId} index={h.messageIndex}>
              <span className="handoff-pair">
                {agentName(h.from)} → <strong>{h.to}</strong>
                {h.parallelWith.length > 0 ? (
                  <span className="muted"> (with {h.parallelWith.join(', ')})</span>
                ) : null}
              </span>{' '}
              <span className={`handoff-answer ${answer.className}`}>{answer.text}</span>{' '}
              <span className="handoff-excerpt">{h.request === '' ? '(no request)' : h.request}</span>
            </JumpRow>
          )
        })}
      </ul>
      {handoffs.length > limit ? (
        <button type="button" className="small" onClick={() => setLimit(limit + PAGE)}>
          Show {formatCount(Math.min(PAGE, handoffs.length - limit))} more of{' '}
          {formatCount(handoffs.length - limit)}
        </button>
      ) : null}
    </>
  )
}

function ProblemList({ docId, problems }: { docId: string; problems: HandoffAnalysisView['problems'] }) {
  return (
    <section className="handoffs-section" aria-labelledby="handoff-problems-title">
      <h3 id="handoff-problems-title">Calls MARSYS refuses</h3>
      <ul className="issue-list">
        {problems.slice(0, PAGE).map((p, i) => (
          <JumpRow key={i} docId={docId} index={p.messageIndex}>
            <span className="handoff-excerpt">{p.problem}</span>
          </JumpRow>
        ))}
      </ul>
      {problems.length > PAGE ? (
        <p className="muted">and {formatCount(problems.length - PAGE)} more</p>
      ) : null}
    </section>
  )
}
