/**
 * A graph of what a conversation knows, as plain data for the UI to draw: KG facts (`subject -predicate-> object`,
 * from a MARSYS `kg` file's rendered facts) and extracted entities (linked when they share a message). Every node
 * and edge lists the message indices it comes from.
 */
import { parseFactRendering, type ParsedFactRendering } from '../marsys/memory/kgFacts'
import type { Entity, EntityExtraction, EntityKind } from './entities'
import { contentText, isPlain } from './messageView'

export type NodeKind = EntityKind | 'fact-subject' | 'fact-object' | 'meta'

export interface GraphNode {
  /** Stable: `n:` and the lowercased label, so a fact's subject and an entity of the same name are one node. */
  id: string
  label: string
  kinds: NodeKind[]
  messageIndices: number[]
}

export interface GraphEdge {
  id: string
  source: string
  target: string
  /** The fact's predicate, or `appears with` for entities sharing messages. */
  label: string
  kind: 'fact' | 'co-occurrence'
  messageIndices: number[]
  /** For facts: the split into subject/predicate/object is a guess (see parseFactRendering). */
  ambiguous?: boolean
  /** For facts: who stated it (the fact's role). */
  role?: string
}

export interface KnowledgeGraph {
  nodes: GraphNode[]
  edges: GraphEdge[]
  /** Co-occurrence edges left out to keep the graph drawable. */
  omittedEdges: number
}

export interface KgFactAt {
  messageIndex: number
  role: string
  subject: string
  predicate: string
  object: string
  ambiguous: boolean
}

/** MARSYS's own bookkeeping subjects: shown, but as `meta` nodes. */
const META_SUBJECTS = new Set(['system_configuration', 'raw_content'])

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/

/**
 * For a split that is a guess, a snake_case word between subject and object reads as the predicate
 * (`Eiffel Tower height_m 330` → `Eiffel Tower —height_m→ 330`): facts written by code name relations that way.
 */
function preferSnakeCasePredicate(parsed: ParsedFactRendering): ParsedFactRendering {
  if (!parsed.ambiguous) return parsed
  const words = parsed.text.split(' ')
  const at = words.findIndex((word, i) => i > 0 && i < words.length - 1 && SNAKE_CASE.test(word))
  if (at < 0) return parsed
  return {
    ...parsed,
    subject: words.slice(0, at).join(' '),
    predicate: words[at],
    object: words.slice(at + 1).join(' '),
  }
}

/** The facts of a `kg` file's messages (`Fact (<role>): s p o.`); other messages are skipped. */
export function factsFromMessages(messages: readonly unknown[]): KgFactAt[] {
  const facts: KgFactAt[] = []
  messages.forEach((message, messageIndex) => {
    if (!isPlain(message)) return
    const rendering = parseFactRendering(contentText(message.content))
    if (rendering === null) return
    const { role, subject, predicate, object, ambiguous } = preferSnakeCasePredicate(rendering)
    facts.push({ messageIndex, role, subject, predicate, object, ambiguous })
  })
  return facts
}

export interface GraphOptions {
  /** Co-occurrence edges kept, strongest first (default 200). */
  maxCoOccurrenceEdges?: number
  /** Entities drawn, the most widespread first (default 150). */
  maxEntities?: number
  /** Entity kinds drawn (default people, organisations, places, topics). */
  entityKinds?: EntityKind[]
}

class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>()
  readonly edges: GraphEdge[] = []

  node(label: string, kind: NodeKind, messageIndices: readonly number[]): string {
    const id = `n:${label.trim().toLowerCase()}`
    let node = this.nodes.get(id)
    if (!node) this.nodes.set(id, (node = { id, label: label.trim(), kinds: [], messageIndices: [] }))
    if (!node.kinds.includes(kind)) node.kinds.push(kind)
    node.messageIndices = mergeSorted(node.messageIndices, messageIndices)
    return id
  }
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y)
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i])
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return out
}

const DRAWN: EntityKind[] = ['person', 'organization', 'place', 'topic']

export function buildKnowledgeGraph(
  input: { facts?: readonly KgFactAt[]; entities?: EntityExtraction },
  options: GraphOptions = {},
): KnowledgeGraph {
  const graph = new GraphBuilder()
  for (const fact of input.facts ?? []) {
    if (fact.subject === '') continue
    const at = [fact.messageIndex]
    const meta = META_SUBJECTS.has(fact.subject)
    const source = graph.node(fact.subject, meta ? 'meta' : 'fact-subject', at)
    if (fact.object === '') continue
    const target = graph.node(fact.object, 'fact-object', at)
    graph.edges.push({
      id: `e:${graph.edges.length}`,
      source,
      target,
      label: fact.predicate,
      kind: 'fact',
      messageIndices: at,
      ambiguous: fact.ambiguous,
      role: fact.role,
    })
  }
  let omittedEdges = 0
  if (input.entities) {
    const kinds = options.entityKinds ?? DRAWN
    const drawn = (Object.values(input.entities).flat() as Entity[])
      .filter((entity) => Array.isArray(entity.messageIndices) && kinds.includes(entity.kind))
      .sort((a, b) => b.messageIndices.length - a.messageIndices.length)
      .slice(0, options.maxEntities ?? 150)
    const ids = drawn.map((entity) => graph.node(entity.text, entity.kind, entity.messageIndices))
    const pairs: GraphEdge[] = []
    for (let i = 0; i < drawn.length; i++) {
      for (let j = i + 1; j < drawn.length; j++) {
        if (ids[i] === ids[j]) continue
        const shared = intersect(drawn[i].messageIndices, drawn[j].messageIndices)
        if (shared.length > 0)
          pairs.push({
            id: '',
            source: ids[i],
            target: ids[j],
            label: 'appears with',
            kind: 'co-occurrence',
            messageIndices: shared,
          })
      }
    }
    pairs.sort(
      (a, b) =>
        b.messageIndices.length - a.messageIndices.length || a.messageIndices[0] - b.messageIndices[0],
    )
    const kept = pairs.slice(0, options.maxCoOccurrenceEdges ?? 200)
    omittedEdges = pairs.length - kept.length
    for (const edge of kept) graph.edges.push({ ...edge, id: `e:${graph.edges.length}` })
  }
  return { nodes: [...graph.nodes.values()], edges: graph.edges, omittedEdges }
}
