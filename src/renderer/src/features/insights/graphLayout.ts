import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force'
import type { GraphEdgeView, GraphNodeView } from '../../../../shared/domains/insights/model'

export interface PlacedNode extends GraphNodeView {
  x: number
  y: number
  /** Drawn radius: grows with the number of messages behind the node. */
  r: number
}

export interface PlacedEdge extends GraphEdgeView {
  x1: number
  y1: number
  x2: number
  y2: number
}

export interface GraphLayout {
  nodes: PlacedNode[]
  edges: PlacedEdge[]
  /** The SVG viewBox that holds every node and its label. */
  viewBox: { x: number; y: number; width: number; height: number }
}

interface SimNode extends SimulationNodeDatum {
  id: string
}

const TICKS = 300
const radiusOf = (node: GraphNodeView): number => 6 + Math.min(10, Math.sqrt(node.messageIndices.length) * 2)

/**
 * Positions for the nodes by d3-force, run to rest in one go (a static picture, the same for the same graph:
 * d3-force seeds its initial placement deterministically).
 */
export function layoutGraph(nodes: readonly GraphNodeView[], edges: readonly GraphEdgeView[]): GraphLayout {
  const sim: SimNode[] = nodes.map((node) => ({ id: node.id }))
  const known = new Set(nodes.map((node) => node.id))
  const links: SimulationLinkDatum<SimNode>[] = edges
    .filter((edge) => known.has(edge.source) && known.has(edge.target))
    .map((edge) => ({ source: edge.source, target: edge.target }))
  const simulation = forceSimulation(sim)
    .force(
      'link',
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(links)
        .id((node) => node.id)
        .distance(90),
    )
    .force('charge', forceManyBody().strength(-220))
    .force('collide', forceCollide(28))
    .force('center', forceCenter(0, 0))
    // Pulls unlinked parts (separate facts) towards the middle, so they do not drift apart and shrink the picture.
    .force('x', forceX(0).strength(0.12))
    .force('y', forceY(0).strength(0.12))
    .stop()
  simulation.tick(TICKS)
  const at = new Map(sim.map((node) => [node.id, node]))
  const placed = nodes.map((node): PlacedNode => ({
    ...node,
    x: at.get(node.id)?.x ?? 0,
    y: at.get(node.id)?.y ?? 0,
    r: radiusOf(node),
  }))
  const byId = new Map(placed.map((node) => [node.id, node]))
  const placedEdges = edges.flatMap((edge): PlacedEdge[] => {
    const a = byId.get(edge.source)
    const b = byId.get(edge.target)
    return a && b ? [{ ...edge, x1: a.x, y1: a.y, x2: b.x, y2: b.y }] : []
  })
  const margin = 80
  const xs = placed.map((node) => node.x)
  const ys = placed.map((node) => node.y)
  const minX = Math.min(0, ...xs) - margin
  const minY = Math.min(0, ...ys) - margin
  const maxX = Math.max(0, ...xs) + margin
  const maxY = Math.max(0, ...ys) + margin
  return {
    nodes: placed,
    edges: placedEdges,
    viewBox: { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
  }
}
