import { flagValue, stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
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
import { DATA_DIR_OPTION, withSessionStore } from './sessionStore'
import { LLM_OPTIONS, llmEndpointFromArgs } from './summarize'
import { CliError, UsageError } from '../cliErrors'
import { LlmError } from '../../engine/llm/llmError'
import { InsightRunner } from '../../engine/insights/insightRunner'
import { withLlmEntities } from '../../engine/insights/llmEntityEndpoint'
import { DEFAULT_STORE_LIMIT, storeSources } from '../../engine/insights/storeSources'
import { thresholdShareOf, type StoreInsightsView } from '../../../shared/domains/insights/model'

export interface InsightsJson {
  /** The file read, or null for a store session. */
  file: string | null
  /** The store session read (`--data-dir DIR --session ID`), or null for a file. */
  session: string | null
  memory_type: string | null
  analysis: ConversationInsights['analysis']
  secrets: ConversationInsights['secrets']
  actions: ConversationInsights['actions']
  insights: ConversationInsights['insights']
  entities: EntityExtraction | null
  /** For `kg` files: the facts (and the entities) as a graph. */
  graph: KnowledgeGraph | null
}

/** `insights --data-dir DIR` without `--session`: the store's insights, as the app's `insights.store` gives them. */
export type StoreInsightsJson = { store: string } & StoreInsightsView

function positiveInteger(args: ParsedArgs, name: string, what: string): number | undefined {
  const text = stringValue(args, name)
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`insights: --${name} must be a positive whole number${what}, got ${text}`)
  return value
}

const ENTITY_MODES = ['offline', 'llm'] as const

/** What to read the arguments as: a file or a store (all of it, or one session), and how to find entities. */
function insightsTarget(args: ParsedArgs) {
  const file = args.positionals[0]
  const dataDir = stringValue(args, 'data-dir')
  const session = stringValue(args, 'session')
  const entities = stringValue(args, 'entities') ?? 'offline'
  const skipEntities = flagValue(args, 'skip-entities')
  if (file !== undefined && dataDir !== undefined)
    throw new UsageError('insights: give a FILE or --data-dir, not both')
  if (file === undefined && dataDir === undefined)
    throw new UsageError('insights: give a FILE, or --data-dir DIR [--session ID]')
  if (session !== undefined && dataDir === undefined)
    throw new UsageError('insights: --session needs --data-dir')
  if (!(ENTITY_MODES as readonly string[]).includes(entities))
    throw new UsageError(`insights: --entities must be one of ${ENTITY_MODES.join(', ')}, got "${entities}"`)
  if (entities === 'llm' && skipEntities)
    throw new UsageError('insights: --entities llm and --skip-entities cannot go together')
  if (entities === 'llm' && dataDir !== undefined && session === undefined)
    throw new UsageError('insights: --entities llm reads one conversation: give a FILE or --session ID')
  return { file, dataDir, session, useLlm: entities === 'llm', skipEntities }
}

export async function runInsights(io: CliIo, args: ParsedArgs): Promise<number> {
  const thresholdTokens = positiveInteger(args, 'threshold', ' of tokens')
  const limit = positiveInteger(args, 'limit', ' of sessions')
  const target = insightsTarget(args)
  const json = flagValue(args, 'json')
  const endpoint = target.useLlm ? await llmEndpointFromArgs('insights', args) : undefined
  if (target.dataDir !== undefined && target.session === undefined) {
    const report = await withSessionStore(io.cwd, target.dataDir, async (backend, store) => {
      const { conversations, sessionsTotal } = await storeSources(backend, limit ?? DEFAULT_STORE_LIMIT)
      const sources = conversations.map((source) => ({ ...source, thresholdTokens }))
      const request = { kind: 'store' as const, conversations: sources, sessionsTotal }
      const result = (await new InsightRunner('inline').run(request)) as StoreInsightsView
      return { store, ...result }
    })
    io.stdout(json ? JSON.stringify(report, null, 2) + '\n' : formatStoreInsights(report))
    return EXIT_OK
  }

  let messages: unknown[]
  let memoryType: string | null = null
  const label = target.file ?? `session ${target.session}`
  if (target.file !== undefined) {
    const file = await openInputFile(io.cwd, target.file)
    messages = Array.from({ length: file.messageCount }, (_, i) => file.decodeMessagePlain(i))
    memoryType = file.memoryType ?? null
  } else {
    const id = target.session!
    messages = await withSessionStore(io.cwd, target.dataDir, async (backend, store) => {
      const session = await backend.getSession(id)
      if (session === null) throw new CliError(`session store ${store}: no session ${JSON.stringify(id)}`)
      return (await session.getMessages()).map((message) => message.toDict())
    })
  }
  const result = conversationInsights({ id: label, messages, memoryType, thresholdTokens })
  let entities = target.skipEntities ? null : extractEntities(messages)
  if (entities && endpoint) {
    try {
      entities = await withLlmEntities(messages, entities, endpoint)
    } catch (error) {
      throw error instanceof LlmError ? new CliError(`${label}: ${error.message}`) : error
    }
  }
  const graph =
    memoryType === 'kg'
      ? buildKnowledgeGraph({ facts: factsFromMessages(messages), entities: entities ?? undefined })
      : null
  const report: InsightsJson = {
    file: target.file ?? null,
    session: target.session ?? null,
    memory_type: memoryType,
    analysis: result.analysis,
    secrets: result.secrets,
    actions: result.actions,
    insights: result.insights,
    entities,
    graph,
  }
  io.stdout(json ? JSON.stringify(report, null, 2) + '\n' : formatInsights(report))
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
  const name = report.file ?? `session ${report.session}`
  const kind = report.file === null ? 'store session' : (report.memory_type ?? '(no memory_type)')
  let out = `${name} — ${kind}, ${number(analysis.messageCount)} messages, ${number(userTurns)} user turns\n`

  out += section('Suggested actions', actions.length === 0 ? ['(nothing to fix)'] : actions.map(actionLine))

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

const actionLine = (a: {
  severity: string
  title: string
  messageIndices: number[]
  run: { type: string }
}) => `[${a.severity}] ${a.title} — ${indexList(a.messageIndices)} (${a.run.type})`

/** The store's insights per type (with the sessions behind each), then each session's suggested actions. */
export function formatStoreInsights(report: StoreInsightsJson): string {
  let out = `session store ${report.store} — ${number(report.sessionsRead)} of ${number(report.sessionsTotal)} sessions read (the newest first)\n`
  out += section(
    'Across the store',
    report.insights.length === 0
      ? ['(nothing found)']
      : report.insights.map(
          (insight) =>
            `${insight.insightType}: ${insight.description} — ${insight.sourceRecords
              .map((r) => {
                const used = thresholdShareOf(insight, r.conversationId)
                return used === null ? r.conversationId : `${r.conversationId} ${Math.round(used * 100)}%`
              })
              .join(', ')}`,
        ),
  )
  out += section(
    'Sessions',
    report.conversations.flatMap((c) => [
      `${c.conversationId} (${number(c.messageCount)} messages)${c.actions.length === 0 ? ': nothing to fix' : ''}`,
      ...c.actions.map((a) => `  ${actionLine(a)}`),
    ]),
  )
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
  usage:
    'insights [--json] [--threshold TOKENS] [--entities offline|llm] [--skip-entities] (FILE | --data-dir DIR [--session ID] [--limit N])',
  summary: 'what went wrong in a conversation (or a session store) and what to fix first',
  args: {
    options: {
      json: { type: 'boolean' },
      threshold: { type: 'string' },
      'skip-entities': { type: 'boolean' },
      entities: { type: 'string' },
      ...LLM_OPTIONS,
      ...DATA_DIR_OPTION,
      session: { type: 'string' },
      limit: { type: 'string' },
    },
    min: 0,
    max: 1,
  },
  run: runInsights,
}
