/**
 * The insights work on one conversation given as the raw JSON text of its messages (what `Conversation.rawAt`
 * gives): pure and synchronous, run in a worker thread by `InsightRunner` so the main process never waits on it.
 */
import { PyObject, dumpPyJson, parsePyJson, toPlain, type PyValue } from '../../../shared/pyjson'
import type {
  DocumentGraph,
  DocumentHandoffs,
  DocumentInsights,
  InsightPhase,
} from '../../../shared/domains/insights/model'
import { analyzeHandoffs } from './handoffs'
import { viewMessages } from './messageView'
import { pairToolCalls } from './toolPairing'
import { BUCKETS, extractEntities, type Entity, type EntityExtraction } from './entities'
import { withLlmEntities } from './llmEntityEndpoint'
import type { TaskLlm } from '../summaries/summaryTask'
import { conversationInsights, getInsights, type InsightConversation } from './insights'
import { buildKnowledgeGraph, factsFromMessages } from './knowledgeGraph'
import type { PathSegment, RedactionEdit } from './redaction'

export interface JobConversation {
  id: string
  revision: number
  memoryType: string | null
  thresholdTokens?: number
  /** Each message as JSON text. */
  raws: string[]
}

export type JobRequest =
  | { kind: 'document'; conversation: JobConversation }
  | { kind: 'graph'; conversation: JobConversation; llm?: TaskLlm }
  | { kind: 'handoffs'; conversation: JobConversation }
  | { kind: 'store'; conversations: JobConversation[]; sessionsTotal: number }

export type Progress = (phase: InsightPhase, done: number, total: number) => void

/** Values the parser refuses (nesting deeper than CPython reads) are analysed as a string, never a crash. */
function parseRaw(raw: string): PyValue {
  try {
    return parsePyJson(raw)
  } catch {
    return raw
  }
}

const plainMessages = (raws: readonly string[]): unknown[] => raws.map((raw) => toPlain(parseRaw(raw)))

function setAtPath(target: PyValue, path: readonly PathSegment[], value: string): PyValue {
  if (path.length === 0) return value
  const [head, ...rest] = path
  if (Array.isArray(target) && typeof head === 'number') {
    target[head] = setAtPath(target[head], rest, value)
  } else if (target instanceof PyObject && typeof head === 'string') {
    target.set(head, setAtPath(target.get(head) as PyValue, rest, value))
  }
  return target
}

/**
 * Each message with secrets, whole, with its strings redacted, as JSON text: read losslessly from the raw text,
 * so numbers such as `5.0` and the key order stay as they were.
 */
export function redactedMessages(
  raws: readonly string[],
  edits: readonly RedactionEdit[],
): { index: number; json: string }[] {
  const byMessage = new Map<number, RedactionEdit[]>()
  for (const edit of edits)
    byMessage.set(edit.messageIndex, [...(byMessage.get(edit.messageIndex) ?? []), edit])
  return [...byMessage.entries()].map(([index, list]) => {
    let value = parseRaw(raws[index])
    for (const edit of list) value = setAtPath(value, edit.path, edit.replacement)
    return { index, json: dumpPyJson(value) }
  })
}

const insightInput = (conversation: JobConversation, messages: unknown[]): InsightConversation => ({
  id: conversation.id,
  messages,
  memoryType: conversation.memoryType,
  thresholdTokens: conversation.thresholdTokens,
})

export function documentInsights(
  conversation: JobConversation,
  progress: Progress,
): Omit<DocumentInsights, 'messageIds'> {
  const total = conversation.raws.length
  progress('analysis', 0, total)
  const messages = plainMessages(conversation.raws)
  const result = conversationInsights(insightInput(conversation, messages))
  progress('analysis', total, total)
  return {
    ...result,
    revision: conversation.revision,
    memoryType: conversation.memoryType,
    redacted: redactedMessages(conversation.raws, result.secrets.edits),
  }
}

/**
 * Entities and the graph. With `llm`, the entities the endpoint finds are added to the offline ones (the call's
 * failure is the job's: an LlmError).
 */
export function documentGraph(
  conversation: JobConversation,
  progress: Progress,
  llm?: TaskLlm,
): DocumentGraph | Promise<DocumentGraph> {
  const total = conversation.raws.length
  const messages = plainMessages(conversation.raws)
  progress('entities', 0, total)
  const offline = extractEntities(messages)
  const graphOf = (entities: EntityExtraction, used: DocumentGraph['llm']): DocumentGraph => {
    progress('graph', total, total)
    const facts = factsFromMessages(messages)
    return {
      conversationId: conversation.id,
      revision: conversation.revision,
      facts: facts.length,
      entities,
      graph: buildKnowledgeGraph({ facts, entities }),
      llm: used,
    }
  }
  if (!llm) return graphOf(offline, null)
  progress('llm', 0, total)
  return withLlmEntities(messages, offline, llm).then((entities) =>
    graphOf(entities, { model: llm.settings.model, entities: countBySource(entities, 'llm') }),
  )
}

const countBySource = (entities: EntityExtraction, source: Entity['source']): number =>
  Object.values(BUCKETS).reduce(
    (sum, bucket) => sum + entities[bucket].filter((e) => e.source === source).length,
    0,
  )

/** The hand-off analysis alone: what the hand-off view shows, without the rest of the report's work. */
export function documentHandoffs(conversation: JobConversation, progress: Progress): DocumentHandoffs {
  const total = conversation.raws.length
  progress('analysis', 0, total)
  const messages = plainMessages(conversation.raws)
  const views = viewMessages(messages)
  const analysis = analyzeHandoffs(views, messages, pairToolCalls(views))
  progress('analysis', total, total)
  return { conversationId: conversation.id, revision: conversation.revision, messageCount: total, analysis }
}

export function storeInsights(
  conversations: readonly JobConversation[],
  sessionsTotal: number,
  progress: Progress,
): ReturnType<typeof storeInsightsShape> {
  progress('analysis', 0, conversations.length)
  const result = getInsights(conversations.map((c) => insightInput(c, plainMessages(c.raws))))
  progress('analysis', conversations.length, conversations.length)
  return storeInsightsShape(result, conversations, sessionsTotal)
}

function storeInsightsShape(
  result: ReturnType<typeof getInsights>,
  conversations: readonly JobConversation[],
  sessionsTotal: number,
) {
  return {
    sessionsRead: conversations.length,
    sessionsTotal,
    conversations: result.conversations.map((c, i) => ({
      conversationId: c.conversationId,
      messageCount: conversations[i].raws.length,
      actions: c.actions,
      insights: c.insights,
    })),
    insights: result.insights,
  }
}

/** The job's result; a promise when the job calls the LLM endpoint. */
export function runJob(request: JobRequest, progress: Progress): unknown {
  switch (request.kind) {
    case 'document':
      return documentInsights(request.conversation, progress)
    case 'graph':
      return documentGraph(request.conversation, progress, request.llm)
    case 'handoffs':
      return documentHandoffs(request.conversation, progress)
    case 'store':
      return storeInsights(request.conversations, request.sessionsTotal, progress)
  }
}
