import { useMemo, useState, type KeyboardEvent } from 'react'
import { useStores } from '../../stores/StoresContext'
import type { DocumentGraph } from '../../../../shared/domains/insights/model'
import { EntityList } from './EntityList'
import { layoutGraph, type PlacedNode } from './graphLayout'
import { MessageLinks } from './MessageLinks'
import { useGraphJob, type GraphLoad } from './useGraphJob'

const KIND_CLASS: Record<string, string> = {
  'fact-subject': 'kind-subject',
  'fact-object': 'kind-object',
  meta: 'kind-meta',
  person: 'kind-person',
  organization: 'kind-organization',
  place: 'kind-place',
  topic: 'kind-topic',
}

const kindLabel = (node: PlacedNode): string =>
  node.kinds.map((kind) => kind.replace('fact-', 'fact ')).join(', ')

/**
 * Extracted entities and KG facts: the graph (nodes are buttons: Tab reaches each, Enter or a click shows the
 * messages behind it and goes to the first), the same graph as a list, and every entity in a table. "Use LLM" adds
 * the entities the configured LLM endpoint finds; until it answers, and when it fails, the offline ones stay.
 */
export function GraphView({ docId }: { docId: string }) {
  const stores = useStores()
  const [attempt, setAttempt] = useState(0)
  const [useLlm, setUseLlm] = useState(false)
  const [llmAttempt, setLlmAttempt] = useState(0)
  const offline = useGraphJob(docId, 'offline', true, attempt)
  const llm = useGraphJob(docId, 'llm', useLlm, llmAttempt)
  const shown = llm?.state === 'done' ? llm.value : offline?.state === 'done' ? offline.value : null
  const cancel = (jobId: string) => void stores.client.call('insights.cancel', { jobId })

  return (
    <div className="graph-panel">
      <div className="llm-entities" role="group" aria-label="LLM entities">
        <label className="llm-switch">
          <input
            type="checkbox"
            role="switch"
            checked={useLlm}
            onChange={(event) => setUseLlm(event.target.checked)}
          />{' '}
          Use LLM
        </label>
        <LlmStatus load={llm} onCancel={cancel} onRetry={() => setLlmAttempt((n) => n + 1)} />
      </div>
      {shown ? (
        <>
          <GraphDrawing docId={docId} graph={shown} />
          <EntityList docId={docId} entities={shown.entities} />
        </>
      ) : !offline || offline.state === 'running' ? (
        <div className="graph-loading" aria-busy="true">
          <p role="status">
            {offline?.state === 'running' && offline.progress
              ? `Reading the conversation (${offline.progress.phase})…`
              : 'Extracting entities…'}
          </p>
          {offline?.state === 'running' ? (
            <button type="button" className="small" onClick={() => cancel(offline.jobId)}>
              Cancel
            </button>
          ) : null}
        </div>
      ) : (
        <div>
          <p role={offline.state === 'failed' ? 'alert' : 'status'}>
            {offline.state === 'failed' ? `Could not build the graph: ${offline.message}` : 'Cancelled.'}
          </p>
          <button type="button" className="small" onClick={() => setAttempt((n) => n + 1)}>
            Build the graph
          </button>
        </div>
      )}
    </div>
  )
}

/** Where the LLM's extraction is: asking (with Cancel), done (what it added), failed or cancelled (offline kept). */
function LlmStatus({
  load,
  onCancel,
  onRetry,
}: {
  load: GraphLoad | null
  onCancel(jobId: string): void
  onRetry(): void
}) {
  if (!load) return null
  if (load.state === 'running')
    return (
      <>
        <span role="status" aria-busy="true">
          {load.progress?.phase === 'llm' ? 'Asking the LLM for entities…' : 'Reading the conversation…'}
        </span>
        <button type="button" className="small" onClick={() => onCancel(load.jobId)}>
          Cancel
        </button>
      </>
    )
  if (load.state === 'done')
    return (
      <span role="status" className="muted">
        {load.value.llm
          ? `${load.value.llm.model} found ${load.value.llm.entities} more (marked LLM).`
          : 'Offline entities.'}
      </span>
    )
  return (
    <>
      <span
        role={load.state === 'failed' ? 'alert' : 'status'}
        className={load.state === 'failed' ? 'severity-error' : 'muted'}
      >
        {load.state === 'failed'
          ? `${load.message.replace(/\.$/, '')}. The offline entities are shown.`
          : 'Cancelled: the offline entities are shown.'}
      </span>
      <button type="button" className="small" onClick={onRetry}>
        Ask again
      </button>
    </>
  )
}

/** The graph itself, for one answer of `insights.graph`. */
function GraphDrawing({ docId, graph }: { docId: string; graph: DocumentGraph }) {
  const stores = useStores()
  const [selected, setSelected] = useState<string | null>(null)
  const layout = useMemo(() => layoutGraph(graph.graph.nodes, graph.graph.edges), [graph])
  if (layout.nodes.length === 0) return <p className="empty-state">No facts or entities to draw.</p>

  const byId = new Map(layout.nodes.map((node) => [node.id, node]))
  const focus = selected ? byId.get(selected) : undefined
  const activate = (node: PlacedNode): void => {
    setSelected(node.id)
    if (node.messageIndices.length > 0) stores.view.getState().jumpTo(docId, node.messageIndices[0])
  }
  const onKey = (event: KeyboardEvent, node: PlacedNode): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      activate(node)
    }
  }
  const { viewBox } = layout
  return (
    <div className="graph-view">
      <p className="muted">
        {graph.graph.nodes.length} nodes, {graph.graph.edges.length} links
        {graph.facts > 0 ? ` (${graph.facts} facts)` : ''}
        {graph.graph.omittedEdges > 0 ? `; ${graph.graph.omittedEdges} weaker links left out` : ''}.
      </p>
      <svg
        className="graph-svg"
        role="group"
        aria-label="Knowledge graph"
        viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
      >
        <defs>
          <marker
            id="graph-arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="graph-arrowhead" />
          </marker>
        </defs>
        <g aria-hidden="true">
          {layout.edges.map((edge) => {
            const target = byId.get(edge.target)
            const dx = edge.x2 - edge.x1
            const dy = edge.y2 - edge.y1
            const length = Math.hypot(dx, dy) || 1
            const shorten = (target?.r ?? 0) + 2
            const x2 = edge.x2 - (dx / length) * shorten
            const y2 = edge.y2 - (dy / length) * shorten
            return (
              <g key={edge.id} className={`graph-edge edge-${edge.kind}`}>
                <line
                  x1={edge.x1}
                  y1={edge.y1}
                  x2={x2}
                  y2={y2}
                  markerEnd={edge.kind === 'fact' ? 'url(#graph-arrow)' : undefined}
                />
                {edge.kind === 'fact' ? (
                  <text x={(edge.x1 + edge.x2) / 2} y={(edge.y1 + edge.y2) / 2 - 4} textAnchor="middle">
                    {edge.label}
                  </text>
                ) : null}
              </g>
            )
          })}
        </g>
        {layout.nodes.map((node) => (
          <g
            key={node.id}
            role="button"
            tabIndex={0}
            aria-label={`${node.label} (${kindLabel(node)}), in ${node.messageIndices.length} message${node.messageIndices.length === 1 ? '' : 's'}`}
            aria-pressed={selected === node.id}
            className={`graph-node ${KIND_CLASS[node.kinds[0]] ?? 'kind-other'}${selected === node.id ? ' selected' : ''}`}
            transform={`translate(${node.x},${node.y})`}
            onClick={() => activate(node)}
            onKeyDown={(event) => onKey(event, node)}
          >
            <circle r={node.r} />
            <text y={node.r + 12} textAnchor="middle">
              {node.label.length > 28 ? `${node.label.slice(0, 27)}…` : node.label}
            </text>
          </g>
        ))}
      </svg>
      {focus ? (
        <section className="graph-focus" aria-label={`Node ${focus.label}`}>
          <h4>{focus.label}</h4>
          <p className="muted">{kindLabel(focus)}</p>
          <p>
            Messages: <MessageLinks docId={docId} indices={focus.messageIndices} />
          </p>
        </section>
      ) : null}
      <details className="graph-list">
        <summary>The graph as a list</summary>
        <ul aria-label="Graph nodes">
          {layout.nodes.map((node) => {
            const out = layout.edges.filter((edge) => edge.source === node.id && edge.kind === 'fact')
            return (
              <li key={node.id}>
                <strong>{node.label}</strong> <span className="muted">({kindLabel(node)})</span>{' '}
                <MessageLinks docId={docId} indices={node.messageIndices} max={6} />
                {out.length > 0 ? (
                  <ul>
                    {out.map((edge) => (
                      <li key={edge.id}>
                        {edge.label} → {byId.get(edge.target)?.label}{' '}
                        <MessageLinks docId={docId} indices={edge.messageIndices} max={3} />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            )
          })}
        </ul>
      </details>
    </div>
  )
}
