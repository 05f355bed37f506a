import { z } from 'zod'

/**
 * What the insights engine reports (see docs/insights.md, "JSON report"), as the renderer receives it. Every figure
 * carries the message indices behind it, so the UI can link it to its messages.
 */
const indices = z.array(z.number())

export const turnSchema = z.object({
  turn: z.number(),
  startIndex: z.number(),
  endIndex: z.number(),
  userIndex: z.number().nullable(),
  roles: z.record(z.string(), z.number()),
  toolCalls: z.number(),
  tokens: z.number(),
  cumulativeTokens: z.number(),
})

const failureStreakSchema = z.object({
  tool: z.string(),
  length: z.number(),
  resultIndices: indices,
  callIndices: indices,
})

export const toolUsageSchema = z.object({
  totalCalls: z.number(),
  answeredCalls: z.number(),
  byTool: z.array(
    z.object({
      tool: z.string(),
      coordination: z.boolean(),
      calls: z.number(),
      answered: z.number(),
      failures: z.number(),
      callIndices: indices,
      failureResultIndices: indices,
      longestFailureStreak: failureStreakSchema.nullable(),
    }),
  ),
  failures: z.array(
    z.object({
      tool: z.string(),
      callId: z.string(),
      callIndex: z.number(),
      resultIndex: z.number(),
      rule: z.string(),
      excerpt: z.string(),
    }),
  ),
  unanswered: z.array(
    z.object({ tool: z.string(), callId: z.string(), messageIndex: z.number(), position: z.number() }),
  ),
  orphanResults: z.array(
    z.object({
      messageIndex: z.number(),
      toolCallId: z.string().nullable(),
      reason: z.enum(['no-tool-call-id', 'unknown-tool-call-id', 'already-answered']),
    }),
  ),
  loops: z.array(
    z.object({
      tool: z.string(),
      arguments: z.string(),
      count: z.number(),
      longestRun: z.number(),
      callIndices: indices,
    }),
  ),
})

export const handoffAnalysisSchema = z.object({
  handoffs: z.array(
    z.object({
      messageIndex: z.number(),
      from: z.string().nullable(),
      to: z.string(),
      request: z.string(),
      source: z.enum(['invoke_agent', 'agent_calls']),
      callId: z.string().nullable(),
      parallelWith: z.array(z.string()),
      resultIndex: z.number().nullable(),
    }),
  ),
  problems: z.array(
    z.object({ messageIndex: z.number(), callId: z.string().nullable(), problem: z.string() }),
  ),
  agents: z.array(z.object({ agent: z.string(), messageIndices: indices, invokedAt: indices })),
  /** Hand-offs counted per (from, to) pair: who delegated to whom. */
  delegations: z.array(
    z.object({ from: z.string().nullable(), to: z.string(), count: z.number(), messageIndices: indices }),
  ),
})
export type HandoffAnalysisView = z.infer<typeof handoffAnalysisSchema>

/** The hand-off view of one document: the insights hand-off analysis alone, at the document's `revision`. */
export const documentHandoffsSchema = z.object({
  conversationId: z.string(),
  revision: z.number(),
  messageCount: z.number(),
  analysis: handoffAnalysisSchema,
})
export type DocumentHandoffs = z.infer<typeof documentHandoffsSchema>

const timeGapSchema = z.object({ fromIndex: z.number(), toIndex: z.number(), seconds: z.number() })

export const conversationAnalysisSchema = z.object({
  messageCount: z.number(),
  nonObjectIndices: indices,
  roles: z.record(z.string(), z.object({ count: z.number(), messageIndices: indices })),
  turns: z.array(turnSchema),
  tools: toolUsageSchema,
  handoffs: handoffAnalysisSchema,
  tokens: z.object({
    counter: z.literal('marsys-default'),
    total: z.number(),
    perMessage: indices,
    byRole: z.record(z.string(), z.number()),
    largest: z.array(z.object({ messageIndex: z.number(), tokens: z.number() })),
    thresholdTokens: z.number(),
    thresholdUsed: z.number(),
    overThresholdAt: z.number().nullable(),
  }),
  contentIssues: z.array(
    z.object({
      kind: z.enum(['error', 'refusal']),
      messageIndex: z.number(),
      role: z.string(),
      rule: z.string(),
      excerpt: z.string(),
    }),
  ),
  time: z
    .object({
      timestampedMessages: z.number(),
      first: z.object({ messageIndex: z.number(), iso: z.string() }),
      last: z.object({ messageIndex: z.number(), iso: z.string() }),
      spanSeconds: z.number(),
      medianGapSeconds: z.number(),
      longGaps: z.array(timeGapSchema),
      outOfOrder: z.array(timeGapSchema),
    })
    .nullable(),
})
export type ConversationAnalysisView = z.infer<typeof conversationAnalysisSchema>

const pathSchema = z.array(z.union([z.string(), z.number()]))

export const secretScanSchema = z.object({
  findings: z.array(
    z.object({
      messageIndex: z.number(),
      path: pathSchema,
      jsonPath: z.string(),
      kind: z.string(),
      start: z.number(),
      end: z.number(),
      /** Never the secret: its first characters (none for passwords) and its length. */
      preview: z.string(),
    }),
  ),
  edits: z.array(
    z.object({
      messageIndex: z.number(),
      path: pathSchema,
      jsonPath: z.string(),
      replacement: z.string(),
      kinds: z.array(z.string()),
    }),
  ),
  messageIndices: indices,
  byKind: z.record(z.string(), z.number()),
})
export type SecretScanView = z.infer<typeof secretScanSchema>

export const actionRunSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('redact'), edits: secretScanSchema.shape.edits }),
  z.object({ type: z.literal('compaction-preview'), thresholdTokens: z.number(), totalTokens: z.number() }),
  z.object({ type: z.literal('delete-messages'), messageIndices: indices }),
  z.object({
    type: z.literal('remove-tool-calls'),
    calls: z.array(z.object({ messageIndex: z.number(), callId: z.string(), position: z.number() })),
  }),
  z.object({ type: z.literal('show-messages'), messageIndices: indices }),
])
export type ActionRunView = z.infer<typeof actionRunSchema>

export const suggestedActionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  title: z.string(),
  detail: z.string(),
  messageIndices: indices,
  run: actionRunSchema,
})
export type SuggestedActionView = z.infer<typeof suggestedActionSchema>

export const insightSchema = z.object({
  insightId: z.string(),
  insightType: z.string(),
  title: z.string(),
  description: z.string(),
  data: z.record(z.string(), z.unknown()),
  confidence: z.number(),
  relevance: z.number(),
  sourceRecords: z.array(z.object({ conversationId: z.string(), messageIndices: indices })),
  timeRange: z.object({ start: z.string(), end: z.string() }).nullable(),
})
export type InsightView = z.infer<typeof insightSchema>

/** A redacted message, whole, as JSON text (lossless: numbers and key order as they were). */
export const redactedMessageSchema = z.object({ index: z.number(), json: z.string() })

export const documentInsightsSchema = z.object({
  conversationId: z.string(),
  /** The document's revision the report describes: actions apply to that revision only. */
  revision: z.number(),
  memoryType: z.string().nullable(),
  analysis: conversationAnalysisSchema,
  secrets: secretScanSchema,
  actions: z.array(suggestedActionSchema),
  insights: z.array(insightSchema),
  /** The messages' ids (MessageRow.id) in list order at `revision`: what "select these messages" selects. */
  messageIds: z.array(z.number()),
  /** Every message with secrets, redacted: what "Redact secrets" applies as one edit. */
  redacted: z.array(redactedMessageSchema),
})
export type DocumentInsights = z.infer<typeof documentInsightsSchema>

export const entitySchema = z.object({
  kind: z.string(),
  text: z.string(),
  key: z.string(),
  occurrences: z.number(),
  messageIndices: indices,
  source: z.enum(['nlp', 'pattern', 'llm']),
})
export type EntityView = z.infer<typeof entitySchema>

export const ENTITY_BUCKETS = [
  'people',
  'organizations',
  'places',
  'dates',
  'urls',
  'filePaths',
  'ids',
  'topics',
] as const

export const entityExtractionSchema = z.object({
  people: z.array(entitySchema),
  organizations: z.array(entitySchema),
  places: z.array(entitySchema),
  dates: z.array(entitySchema),
  urls: z.array(entitySchema),
  filePaths: z.array(entitySchema),
  ids: z.array(entitySchema),
  topics: z.array(entitySchema),
  nlp: z.object({
    charsRead: z.number(),
    charsSkipped: z.number(),
    messagesRead: z.number(),
    firstSkippedIndex: z.number().nullable(),
  }),
})

export const graphNodeSchema = z.object({
  id: z.string(),
  label: z.string(),
  kinds: z.array(z.string()),
  messageIndices: indices,
})
export type GraphNodeView = z.infer<typeof graphNodeSchema>

export const graphEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  label: z.string(),
  kind: z.enum(['fact', 'co-occurrence']),
  messageIndices: indices,
  ambiguous: z.boolean().optional(),
  role: z.string().optional(),
})
export type GraphEdgeView = z.infer<typeof graphEdgeSchema>

export const documentGraphSchema = z.object({
  conversationId: z.string(),
  revision: z.number(),
  /** KG facts read from the messages (a `kg` file's rendered facts). */
  facts: z.number(),
  entities: entityExtractionSchema,
  graph: z.object({
    nodes: z.array(graphNodeSchema),
    edges: z.array(graphEdgeSchema),
    omittedEdges: z.number(),
  }),
  /** When the LLM endpoint was asked too: its model and how many entities only it found. */
  llm: z.object({ model: z.string(), entities: z.number() }).nullable(),
})
export type DocumentGraph = z.infer<typeof documentGraphSchema>

export const storeInsightsSchema = z.object({
  /** Sessions read (the newest first), and how many the store has. */
  sessionsRead: z.number(),
  sessionsTotal: z.number(),
  conversations: z.array(
    z.object({
      conversationId: z.string(),
      messageCount: z.number(),
      actions: z.array(suggestedActionSchema),
      insights: z.array(insightSchema),
    }),
  ),
  insights: z.array(insightSchema),
})
export type StoreInsightsView = z.infer<typeof storeInsightsSchema>

/** For a store-wide `token-pressure` insight: one session's share of the threshold (0.82), else null. */
export function thresholdShareOf(insight: InsightView, conversationId: string): number | null {
  if (insight.insightType !== 'token-pressure') return null
  const per = insight.data.perConversation as Record<string, { thresholdUsed?: unknown }> | undefined
  const used = per?.[conversationId]?.thresholdUsed
  return typeof used === 'number' ? used : null
}

export const insightPhaseSchema = z.enum(['reading', 'analysis', 'entities', 'llm', 'graph'])
export type InsightPhase = z.infer<typeof insightPhaseSchema>

export const insightProgressSchema = z.object({
  /** The `jobId` the caller gave. */
  jobId: z.string(),
  phase: insightPhaseSchema,
  done: z.number(),
  total: z.number(),
})
export type InsightProgress = z.infer<typeof insightProgressSchema>
