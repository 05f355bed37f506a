import { flagValue, stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
import { UsageError } from '../cliErrors'
import { EXIT_OK, type CliIo } from '../io'
import {
  buildKnowledgeGraph,
  conversationInsights,
  extractEntities,
  factsFromMessages,
  type ConversationInsights,
  type EntityExtraction,
  type KnowledgeGraph,
} from '../../engine/insights'
import { openInputFile } from './openInput'

export interface InsightsJson {
  file: string
  memory_type: string | null
  analysis: ConversationInsights['analysis']
  secrets: ConversationInsights['secrets']
  actions: ConversationInsights['actions']
  insights: ConversationInsights['insights']
  entities: EntityExtraction | null
  /** For `kg` files: the facts as a graph. */
  graph: KnowledgeGraph | null
}

function thresholdOf(args: ParsedArgs): number | undefined {
  const text = stringValue(args, 'threshold')
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`insights: --threshold must be a positive whole number of tokens, got ${text}`)
  return value
}

export async function runInsights(io: CliIo, args: ParsedArgs): Promise<number> {
  const fileArg = args.positionals[0]
  const thresholdTokens = thresholdOf(args)
  const file = await openInputFile(io.cwd, fileArg)
  const messages = Array.from({ length: file.messageCount }, (_, i) => file.decodeMessagePlain(i))
  const memoryType = file.memoryType ?? null
  const result = conversationInsights({ id: fileArg, messages, memoryType, thresholdTokens })
  const entities = flagValue(args, 'skip-entities') ? null : extractEntities(messages)
  const graph =
    memoryType === 'kg'
      ? buildKnowledgeGraph({ facts: factsFromMessages(messages), entities: entities ?? undefined })
      : null
  const report: InsightsJson = {
    file: fileArg,
    memory_type: memoryType,
    analysis: result.analysis,
    secrets: result.secrets,
    actions: result.actions,
    insights: result.insights,
    entities,
    graph,
  }
  io.stdout(flagValue(args, 'json') ? JSON.stringify(report, null, 2) + '\n' : formatInsights(report))
  return EXIT_OK
}

const SHOWN_INDICES = 10

/** `#1, #4, #9` — at most ten, then how many more. */
export function indexList(indices: readonly number[]): string {
  const shown = indices.slice(0, SHOWN_INDICES).map((i) => `#${i}`)
  return indices.length > SHOWN_INDICES
    ? `${shown.join(', ')} … (+${indices.length - SHOWN_INDICES})`
    : shown.join(', ')
}

const number = (n: number): string => n.toLocaleString('en-US')
const SHOWN_ROWS = 20

function section(title: string, lines: string[]): string {
  if (lines.length === 0) return ''
  const rows =
    lines.length > SHOWN_ROWS
      ? [...lines.slice(0, SHOWN_ROWS), `… ${lines.length - SHOWN_ROWS} more (see --json)`]
      : lines
  return `\n${title}\n${rows.map((line) => `  ${line}\n`).join('')}`
}

export function formatInsights(report: InsightsJson): string {
  const { analysis, actions } = report
  const { tools, tokens, handoffs, time } = analysis
  const userTurns = analysis.turns.filter((turn) => turn.userIndex !== null).length
  let out = `${report.file} — ${report.memory_type ?? '(no memory_type)'}, ${number(analysis.messageCount)} messages, ${number(userTurns)} user turns\n`

  out += section(
    'Suggested actions',
    actions.length === 0
      ? ['(nothing to fix)']
      : actions.map((a) => `[${a.severity}] ${a.title} — ${indexList(a.messageIndices)} (${a.run.type})`),
  )

  const largest = tokens.largest.map((m) => `#${m.messageIndex} ${number(m.tokens)}`).join(', ')
  out += section('Tokens (MARSYS count)', [
    `total ${number(tokens.total)} of ${number(tokens.thresholdTokens)} (${Math.round(tokens.thresholdUsed * 100)}% of the threshold)` +
      (tokens.overThresholdAt === null ? '' : `, over it from #${tokens.overThresholdAt}`),
    ...(largest ? [`largest: ${largest}`] : []),
    ...analysis.turns.map(
      (turn) =>
        `turn ${turn.turn} (#${turn.startIndex}–#${turn.endIndex}): +${number(turn.tokens)} → ${number(turn.cumulativeTokens)}`,
    ),
  ])

  out += section('Roles', [
    Object.entries(analysis.roles)
      .map(([role, r]) => `${role} ${r.count}`)
      .join(', '),
  ])

  // A kg memory's messages are rendered facts: a `tool` fact answers no call, and pairing says nothing about it.
  const chat = report.memory_type !== 'kg'
  out += section('Tools', [
    ...(tools.totalCalls === 0 && chat ? ['(no tool calls)'] : []),
    ...tools.byTool.map(
      (t) =>
        `${t.tool}${t.coordination ? ' (coordination)' : ''}: ${t.calls} ${t.calls === 1 ? 'call' : 'calls'}, ${t.failures} failed — ${indexList(t.callIndices)}`,
    ),
    ...tools.failures.map((f) => `failed: ${f.tool} → #${f.resultIndex} (${f.rule}) ${f.excerpt}`),
    ...(chat ? tools.unanswered : []).map(
      (c) => `unanswered: ${c.tool} (${c.callId || 'no id'}) in #${c.messageIndex}`,
    ),
    ...(chat ? tools.orphanResults : []).map(
      (o) => `orphan result: #${o.messageIndex} (${o.reason}${o.toolCallId ? ` ${o.toolCallId}` : ''})`,
    ),
    ...tools.loops.map(
      (l) =>
        `repeated: ${l.tool} ×${l.count} (${l.longestRun} in a row) ${l.arguments} — ${indexList(l.callIndices)}`,
    ),
  ])

  out += section('Hand-offs', [
    ...handoffs.handoffs.map(
      (h) =>
        `#${h.messageIndex} ${h.from ?? '?'} → ${h.to}${h.parallelWith.length > 0 ? ` (parallel with ${h.parallelWith.join(', ')})` : ''}: ${h.request}`,
    ),
    ...handoffs.problems.map((p) => `#${p.messageIndex} problem: ${p.problem}`),
  ])

  out += section(
    'Errors and refusals',
    analysis.contentIssues.map((i) => `#${i.messageIndex} ${i.role} ${i.kind} (${i.rule}): ${i.excerpt}`),
  )

  if (time)
    out += section('Time', [
      `${time.first.iso} (#${time.first.messageIndex}) → ${time.last.iso} (#${time.last.messageIndex}), median gap ${time.medianGapSeconds} s`,
      ...time.longGaps.map(
        (g) => `pause of ${number(Math.round(g.seconds))} s between #${g.fromIndex} and #${g.toIndex}`,
      ),
      ...time.outOfOrder.map(
        (g) => `time goes back ${number(Math.round(-g.seconds))} s from #${g.fromIndex} to #${g.toIndex}`,
      ),
    ])

  out += section(
    'Secrets',
    report.secrets.findings.map((f) => `${f.kind} at ${f.jsonPath} [${f.start}, ${f.end}) ${f.preview}`),
  )

  if (report.entities) {
    const e = report.entities
    const buckets: [string, keyof Omit<EntityExtraction, 'nlp'>][] = [
      ['people', 'people'],
      ['organisations', 'organizations'],
      ['places', 'places'],
      ['dates', 'dates'],
      ['URLs', 'urls'],
      ['file paths', 'filePaths'],
      ['ids', 'ids'],
      ['topics', 'topics'],
    ]
    out += section('Entities', [
      ...buckets
        .filter(([, key]) => e[key].length > 0)
        .map(
          ([label, key]) =>
            `${label}: ${e[key]
              .slice(0, 8)
              .map((entity) => `${entity.text} (${indexList(entity.messageIndices)})`)
              .join('; ')}${e[key].length > 8 ? `; … ${e[key].length - 8} more` : ''}`,
        ),
      ...(e.nlp.charsSkipped > 0
        ? [
            `(names, places and topics from the first ${number(e.nlp.charsRead)} characters; ${number(e.nlp.charsSkipped)} not read)`,
          ]
        : []),
    ])
  }

  if (report.graph) out += section('Knowledge graph', graphLines(report.graph))
  return out
}

/** Facts as `subject —predicate→ object`, then entities that share messages as `a ~ b`, by node label. */
function graphLines(graph: KnowledgeGraph): string[] {
  const label = new Map(graph.nodes.map((node) => [node.id, node.label]))
  const facts = graph.edges.filter((edge) => edge.kind === 'fact')
  const links = graph.edges.filter((edge) => edge.kind === 'co-occurrence')
  const entities = graph.nodes.filter((node) => node.kinds.some((kind) => !NODE_OF_FACT.has(kind)))
  return [
    `${graph.nodes.length} nodes (${entities.length} entities), ${facts.length} facts, ${links.length} entity links` +
      (graph.omittedEdges > 0 ? ` (${graph.omittedEdges} weaker left out)` : ''),
    ...facts.map(
      (edge) =>
        `${label.get(edge.source)} —${edge.label}→ ${label.get(edge.target)} (${indexList(edge.messageIndices)})`,
    ),
    ...links.map(
      (edge) => `${label.get(edge.source)} ~ ${label.get(edge.target)} (${indexList(edge.messageIndices)})`,
    ),
  ]
}

const NODE_OF_FACT = new Set(['fact-subject', 'fact-object', 'meta'])

export const insightsCommand: CliCommand = {
  name: 'insights',
  usage: 'insights [--json] [--threshold TOKENS] [--skip-entities] FILE',
  summary: 'what went wrong in a conversation and what to fix first',
  args: {
    options: {
      json: { type: 'boolean' },
      threshold: { type: 'string' },
      'skip-entities': { type: 'boolean' },
    },
    min: 1,
    max: 1,
  },
  run: runInsights,
}
