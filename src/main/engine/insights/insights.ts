/**
 * `IMemoryProvider.get_insights`, for one conversation or a store of them. An insight takes the fields of the
 * spec's precedent `MemoryInsight` (§12: insight_id, insight_type, title, description, data, confidence_score,
 * relevance_score, source_records, time_range) in camelCase; `sourceRecords` name the conversation and messages.
 */
import { analyzeConversation, type AnalyzeOptions, type ConversationAnalysis } from './analyzeConversation'
import { timeOf } from './messageView'
import { scanSecrets, type SecretScan } from './redaction'
import { suggestActions, type SuggestOptions, type SuggestedAction } from './suggestActions'

export interface InsightConversation {
  id: string
  messages: readonly unknown[]
  /** MARSYS `memory_type` (a `kg` memory gets no compaction advice). */
  memoryType?: string | null
  /** This conversation's compaction threshold, when it has its own (a managed memory's config). */
  thresholdTokens?: number
}

export type InsightType =
  | 'secrets'
  | 'token-pressure'
  | 'tool-failures'
  | 'tool-loops'
  | 'orphan-results'
  | 'unanswered-calls'
  | 'handoffs'
  | 'content-errors'
  | 'refusals'
  | 'time-gaps'
  | 'role-distribution'

export interface SourceRecord {
  conversationId: string
  messageIndices: number[]
}

export interface Insight {
  insightId: string
  insightType: InsightType
  title: string
  description: string
  data: Record<string, unknown>
  /** How sure the detection is (a parsed structure 1.0, a text heuristic less). */
  confidence: number
  /** How much it matters for fixing the memory (0-1). */
  relevance: number
  sourceRecords: SourceRecord[]
  /** ISO times of the first and last message involved, when messages carry timestamps. */
  timeRange: { start: string; end: string } | null
}

export interface ConversationInsights {
  conversationId: string
  analysis: ConversationAnalysis
  secrets: SecretScan
  actions: SuggestedAction[]
  insights: Insight[]
}

export interface StoreInsights {
  conversations: ConversationInsights[]
  /** The same insight types summed over the store, each listing the conversations behind it. */
  insights: Insight[]
}

export type InsightOptions = AnalyzeOptions & SuggestOptions

interface Draft {
  type: InsightType
  title: string
  description: string
  data: Record<string, unknown>
  confidence: number
  relevance: number
  indices: number[]
}

function drafts(analysis: ConversationAnalysis, secrets: SecretScan, chat: boolean): Draft[] {
  const out: Draft[] = []
  const { tools, tokens, handoffs, contentIssues, time } = analysis
  if (secrets.findings.length > 0)
    out.push({
      type: 'secrets',
      title: 'Secret-looking strings',
      description: `${secrets.findings.length} in ${secrets.messageIndices.length} messages`,
      data: { byKind: secrets.byKind, findings: secrets.findings.length },
      confidence: 0.8,
      relevance: 1,
      indices: secrets.messageIndices,
    })
  out.push({
    type: 'token-pressure',
    title: 'Token use against the compaction threshold',
    description: `${tokens.total} of ${tokens.thresholdTokens} tokens (${Math.round(tokens.thresholdUsed * 100)}%)`,
    data: {
      total: tokens.total,
      thresholdTokens: tokens.thresholdTokens,
      thresholdUsed: tokens.thresholdUsed,
    },
    confidence: 1,
    relevance: Math.min(1, tokens.thresholdUsed),
    indices: tokens.largest.map((m) => m.messageIndex),
  })
  if (tools.failures.length > 0)
    out.push({
      type: 'tool-failures',
      title: 'Failing tools',
      description: tools.byTool
        .filter((t) => t.failures > 0)
        .map((t) => `${t.tool}: ${t.failures} of ${t.calls} failed`)
        .join('; '),
      data: {
        byTool: Object.fromEntries(
          tools.byTool.filter((t) => t.failures > 0).map((t) => [t.tool, t.failures]),
        ),
      },
      confidence: 0.7,
      relevance: 0.8,
      indices: tools.failures.map((f) => f.resultIndex),
    })
  if (tools.loops.length > 0)
    out.push({
      type: 'tool-loops',
      title: 'Repeated identical tool calls',
      description: tools.loops.map((l) => `${l.tool} ×${l.count}`).join('; '),
      data: { loops: tools.loops.map(({ tool, count, longestRun }) => ({ tool, count, longestRun })) },
      confidence: 0.9,
      relevance: 0.8,
      indices: tools.loops.flatMap((l) => l.callIndices),
    })
  if (chat && tools.orphanResults.length > 0)
    out.push({
      type: 'orphan-results',
      title: 'Orphan tool results',
      description: `${tools.orphanResults.length} tool results answer no earlier call`,
      data: { count: tools.orphanResults.length },
      confidence: 1,
      relevance: 0.7,
      indices: tools.orphanResults.map((o) => o.messageIndex),
    })
  if (chat && tools.unanswered.length > 0)
    out.push({
      type: 'unanswered-calls',
      title: 'Unanswered tool calls',
      description: `${tools.unanswered.length} calls have no result`,
      data: { count: tools.unanswered.length },
      confidence: 1,
      relevance: 0.7,
      indices: tools.unanswered.map((c) => c.messageIndex),
    })
  if (handoffs.handoffs.length > 0 || handoffs.problems.length > 0)
    out.push({
      type: 'handoffs',
      title: 'Hand-offs between agents',
      description: handoffs.handoffs.map((h) => `${h.from ?? '?'} → ${h.to} (#${h.messageIndex})`).join('; '),
      data: {
        handoffs: handoffs.handoffs.length,
        problems: handoffs.problems.length,
        agents: handoffs.agents.map((a) => a.agent),
      },
      confidence: 1,
      relevance: handoffs.problems.length > 0 ? 0.7 : 0.4,
      indices: [
        ...handoffs.handoffs.map((h) => h.messageIndex),
        ...handoffs.problems.map((p) => p.messageIndex),
      ],
    })
  for (const [type, kind, title] of [
    ['content-errors', 'error', 'Errors reported in messages'],
    ['refusals', 'refusal', 'Refusals'],
  ] as const) {
    const issues = contentIssues.filter((issue) => issue.kind === kind)
    if (issues.length > 0)
      out.push({
        type,
        title,
        description: `${issues.length} messages`,
        data: { byRule: countBy(issues.map((issue) => issue.rule)) },
        confidence: 0.6,
        relevance: 0.5,
        indices: issues.map((issue) => issue.messageIndex),
      })
  }
  if (time && time.longGaps.length > 0)
    out.push({
      type: 'time-gaps',
      title: 'Long pauses',
      description: `${time.longGaps.length} gaps, longest ${Math.round(time.longGaps[0].seconds)} s`,
      data: {
        longest: time.longGaps[0].seconds,
        medianGapSeconds: time.medianGapSeconds,
        outOfOrder: time.outOfOrder.length,
      },
      confidence: 1,
      relevance: time.outOfOrder.length > 0 ? 0.5 : 0.2,
      indices: time.longGaps.flatMap((gap) => [gap.fromIndex, gap.toIndex]),
    })
  out.push({
    type: 'role-distribution',
    title: 'Messages by role',
    description: Object.entries(analysis.roles)
      .map(([role, r]) => `${role} ${r.count}`)
      .join(', '),
    data: {
      distribution: Object.fromEntries(Object.entries(analysis.roles).map(([role, r]) => [role, r.count])),
    },
    confidence: 1,
    relevance: 0.1,
    indices: [],
  })
  return out
}

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1
  return counts
}

const sortedUnique = (indices: readonly number[]): number[] => [...new Set(indices)].sort((a, b) => a - b)

function timeRangeOf(messages: readonly unknown[], indices: readonly number[]): Insight['timeRange'] {
  let start = Infinity
  let end = -Infinity
  for (const i of indices) {
    const ms = timeOf((messages[i] as { timestamp?: unknown } | null)?.timestamp)
    if (ms === null) continue
    start = Math.min(start, ms)
    end = Math.max(end, ms)
  }
  return start === Infinity
    ? null
    : { start: new Date(start).toISOString(), end: new Date(end).toISOString() }
}

export function conversationInsights(
  conversation: InsightConversation,
  options: InsightOptions = {},
): ConversationInsights {
  const analysis = analyzeConversation(conversation.messages, {
    ...options,
    thresholdTokens: conversation.thresholdTokens ?? options.thresholdTokens,
  })
  const secrets = scanSecrets(conversation.messages)
  const memoryType = conversation.memoryType ?? options.memoryType
  const actions = suggestActions(analysis, secrets, { ...options, memoryType })
  // A kg memory's messages are rendered facts, not a chat: tool pairing says nothing about them.
  const insights = drafts(analysis, secrets, memoryType !== 'kg').map((draft): Insight => {
    const indices = sortedUnique(draft.indices)
    return {
      insightId: `${conversation.id}:${draft.type}`,
      insightType: draft.type,
      title: draft.title,
      description: draft.description,
      data: draft.data,
      confidence: draft.confidence,
      relevance: draft.relevance,
      sourceRecords: [{ conversationId: conversation.id, messageIndices: indices }],
      timeRange: timeRangeOf(conversation.messages, indices),
    }
  })
  return { conversationId: conversation.id, analysis, secrets, actions, insights }
}

/** Insights for a whole store: each conversation's, and per type across the store. */
export function getInsights(
  conversations: readonly InsightConversation[],
  options: InsightOptions = {},
): StoreInsights {
  const each = conversations.map((conversation) => conversationInsights(conversation, options))
  const byType = new Map<InsightType, Insight[]>()
  for (const result of each)
    for (const insight of result.insights) {
      const list = byType.get(insight.insightType)
      if (list) list.push(insight)
      else byType.set(insight.insightType, [insight])
    }
  const storeWide = [...byType.entries()].map(([type, list]): Insight => {
    const ranges = list.map((insight) => insight.timeRange).filter((range) => range !== null)
    return {
      insightId: `store:${type}`,
      insightType: type,
      title: list[0].title,
      description: `${list.length} of ${conversations.length} conversations`,
      data: {
        conversations: list.length,
        perConversation: Object.fromEntries(list.map((i) => [i.sourceRecords[0].conversationId, i.data])),
      },
      confidence: Math.min(...list.map((insight) => insight.confidence)),
      relevance: Math.max(...list.map((insight) => insight.relevance)),
      sourceRecords: list.flatMap((insight) => insight.sourceRecords),
      timeRange:
        ranges.length === 0
          ? null
          : {
              start: ranges.map((r) => r.start).sort()[0],
              end: ranges.map((r) => r.end).sort()[ranges.length - 1],
            },
    }
  })
  storeWide.sort((a, b) => b.relevance - a.relevance || b.sourceRecords.length - a.sourceRecords.length)
  return { conversations: each, insights: storeWide }
}
