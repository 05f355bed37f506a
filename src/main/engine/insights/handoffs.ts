/**
 * Hand-offs between agents. MARSYS records one as an `invoke_agent` tool call whose arguments are
 * `{"invocations": [{"agent_name", "request"}, …]}` (several = parallel), answered by a synthetic tool message
 * "Control delegated to X. …"; older messages carry `agent_calls: [{agent_name, request}]`.
 */
import { isPlain, type MessageView } from './messageView'
import { redactedShort, redactedSlice } from './secretPatterns'
import type { ToolPairing } from './toolPairing'

export interface Handoff {
  /** The message that hands off, and who it is (its `name`, when set). */
  messageIndex: number
  from: string | null
  to: string
  /** The request, cut to 300 characters. */
  request: string
  source: 'invoke_agent' | 'agent_calls'
  callId: string | null
  /** Other agents invoked by the same call (parallel execution). */
  parallelWith: string[]
  /** The tool message answering the call (MARSYS's "Control delegated…"), when there is one. */
  resultIndex: number | null
}

export interface HandoffProblem {
  messageIndex: number
  callId: string | null
  problem: string
}

export interface AgentSummary {
  agent: string
  /** Messages this agent wrote (`name` equal to it). */
  messageIndices: number[]
  /** Messages that hand off to it. */
  invokedAt: number[]
}

export interface HandoffAnalysis {
  handoffs: Handoff[]
  problems: HandoffProblem[]
  agents: AgentSummary[]
}

const REQUEST_SHOWN = 300

const shown = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
  return text.length > REQUEST_SHOWN ? `${redactedSlice(text, 0, REQUEST_SHOWN - 1)}…` : redactedShort(text)
}

interface Invocation {
  to: string
  request: string
}

function invocationsOf(args: string): Invocation[] | string {
  let parsed: unknown
  try {
    parsed = JSON.parse(args)
  } catch {
    return 'invoke_agent arguments are not JSON'
  }
  const list = isPlain(parsed) ? parsed.invocations : undefined
  if (!Array.isArray(list) || list.length === 0) return 'invoke_agent arguments have no "invocations" list'
  const out: Invocation[] = []
  for (const item of list) {
    if (!isPlain(item) || typeof item.agent_name !== 'string' || item.agent_name === '')
      return 'an invocation has no agent_name'
    out.push({ to: item.agent_name, request: shown(item.request ?? '') })
  }
  return out
}

export function analyzeHandoffs(
  views: readonly MessageView[],
  messages: readonly unknown[],
  pairing: ToolPairing,
): HandoffAnalysis {
  const handoffs: Handoff[] = []
  const problems: HandoffProblem[] = []
  for (const call of pairing.calls) {
    if (call.name !== 'invoke_agent') continue
    const callId = call.callId === '' ? null : call.callId
    const invocations = invocationsOf(call.arguments)
    if (typeof invocations === 'string') {
      problems.push({ messageIndex: call.callIndex, callId, problem: invocations })
      continue
    }
    const names = invocations.map((invocation) => invocation.to)
    for (const invocation of invocations) {
      handoffs.push({
        messageIndex: call.callIndex,
        from: views[call.callIndex].name,
        to: invocation.to,
        request: invocation.request,
        source: 'invoke_agent',
        callId,
        parallelWith: names.filter((name) => name !== invocation.to),
        resultIndex: call.resultIndex,
      })
    }
  }
  messages.forEach((message, index) => {
    if (!isPlain(message) || !Array.isArray(message.agent_calls)) return
    const calls = message.agent_calls.filter(isPlain)
    const names = calls.map((call) => String(call.agent_name ?? ''))
    for (const call of calls) {
      if (typeof call.agent_name !== 'string' || call.agent_name === '') {
        problems.push({ messageIndex: index, callId: null, problem: 'an agent call has no agent_name' })
        continue
      }
      handoffs.push({
        messageIndex: index,
        from: views[index].name,
        to: call.agent_name,
        request: shown(call.request ?? ''),
        source: 'agent_calls',
        callId: null,
        parallelWith: names.filter((name) => name !== call.agent_name),
        resultIndex: null,
      })
    }
  })
  handoffs.sort((a, b) => a.messageIndex - b.messageIndex)
  return { handoffs, problems, agents: agentsOf(views, handoffs) }
}

function agentsOf(views: readonly MessageView[], handoffs: readonly Handoff[]): AgentSummary[] {
  const agents = new Map<string, AgentSummary>()
  const agent = (name: string): AgentSummary => {
    let found = agents.get(name)
    if (!found) agents.set(name, (found = { agent: name, messageIndices: [], invokedAt: [] }))
    return found
  }
  for (const view of views) {
    // MARSYS names its compaction summaries `compaction_<model>`: a model, not an agent.
    if (view.name !== null && view.role === 'assistant' && !view.name.startsWith('compaction_'))
      agent(view.name).messageIndices.push(view.index)
  }
  for (const handoff of handoffs) {
    if (handoff.from !== null) agent(handoff.from)
    const invokedAt = agent(handoff.to).invokedAt
    if (invokedAt[invokedAt.length - 1] !== handoff.messageIndex) invokedAt.push(handoff.messageIndex)
  }
  return [...agents.values()].sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0))
}
