import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { errorText } from '../../api/describeError'
import { useDocuments, useStores } from '../../stores/StoresContext'
import type { DocumentGraph, InsightProgress } from '../../../../shared/domains/insights/model'
import { layoutGraph, type PlacedNode } from './graphLayout'
import { MessageLinks } from './MessageLinks'

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

type Load =
  | { state: 'running'; jobId: string; progress: InsightProgress | null }
  | { state: 'done'; graph: DocumentGraph }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' }

/**
 * KG facts and extracted entities as a graph: nodes are buttons (Tab reaches each, Enter or a click shows the
 * messages behind it and goes to the first), and the same graph as a list for screen readers and large graphs.
 */
export function GraphView({ docId }: { docId: string }) {
  const stores = useStores()
  const changes = useDocuments((state) => state.changes[docId] ?? 0)
  const [attempt, setAttempt] = useState(0)
  const [load, setLoad] = useState<Load | null>(null)
  const [selected, setSelected] = useState<string | null>(null)

  useEffect(() => {
    // Unique across windows: web mode serves several tabs from one main process.
    const jobId = `graph-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
    let current = true
    setLoad({ state: 'running', jobId, progress: null })
    const off = stores.client.on('insights.progress', (progress) => {
      if (current && progress.jobId === jobId) setLoad({ state: 'running', jobId, progress })
    })
    stores.client.call('insights.graph', { id: docId, jobId }).then(
      (graph) => current && setLoad({ state: 'done', graph }),
      (error: unknown) => {
        if (!current) return
        const text = errorText(error)
        setLoad(/cancelled/.test(text) ? { state: 'cancelled' } : { state: 'failed', message: text })
      },
    )
    return () => {
      current = false
      off()
      void stores.client.call('insights.cancel', { jobId }).catch(() => undefined)
    }
  }, [stores, docId, changes, attempt])

  const layout = useMemo(
    () => (load?.state === 'done' ? layoutGraph(load.graph.graph.nodes, load.graph.graph.edges) : null),
    [load],
  )

  if (!load || load.state === 'running') {
    const progress = load?.state === 'running' ? load.progress : null
    return (
      <div className="graph-loading" aria-busy="true">
        <p role="status">
          {progress ? `Reading the conversation (${progress.phase})…` : 'Extracting entities…'}
        </p>
        {load?.state === 'running' ? (
          <button
            type="button"
            className="small"
            onClick={() => void stores.client.call('insights.cancel', { jobId: load.jobId })}
          >
            Cancel
          </button>
        ) : null}
      </div>
    )
  }
  if (load.state === 'cancelled' || load.state === 'failed')
    return (
      <div>
        <p role={load.state === 'failed' ? 'alert' : 'status'}>
          {load.state === 'failed' ? `Could not build the graph: ${load.message}` : 'Cancelled.'}
        </p>
        <button type="button" className="small" onClick={() => setAttempt((n) => n + 1)}>
          Build the graph
        </button>
      </div>
    )
  if (!layout || layout.nodes.length === 0)
    return <p className="empty-state">No facts or entities to draw.</p>

  const { graph } = load
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
