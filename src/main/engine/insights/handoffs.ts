/**
 * Hand-offs between agents (read by `conversations/handoffCalls`): who handed to whom, where, and whether the call
 * was answered by MARSYS's synthetic tool message "Control delegated to X. …". A call MARSYS would refuse (bad
 * arguments, an invocation without agent_name) hands nothing off and is listed as a problem.
 */
import { handoffsOfToolCall, parseAgentCalls, type ParsedHandoffs } from '../conversations/handoffCalls'
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

/** Every hand-off from one agent to another, counted: the edges of the who-delegated-to-whom graph. */
export interface Delegation {
  from: string | null
  to: string
  count: number
  /** The messages that hand off, in order (a message appears once even when it invokes `to` twice). */
  messageIndices: number[]
}

export interface HandoffAnalysis {
  handoffs: Handoff[]
  problems: HandoffProblem[]
  agents: AgentSummary[]
  delegations: Delegation[]
}

const REQUEST_SHOWN = 300

const shown = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
  return text.length > REQUEST_SHOWN ? `${redactedSlice(text, 0, REQUEST_SHOWN - 1)}…` : redactedShort(text)
}

export function analyzeHandoffs(
  views: readonly MessageView[],
  messages: readonly unknown[],
  pairing: ToolPairing,
): HandoffAnalysis {
  const handoffs: Handoff[] = []
  const problems: HandoffProblem[] = []
  const addAll = (
    { invocations }: ParsedHandoffs,
    messageIndex: number,
    how: Pick<Handoff, 'source' | 'callId' | 'resultIndex'>,
  ): void => {
    const names = invocations.map((invocation) => invocation.agent)
    for (const invocation of invocations) {
      handoffs.push({
        messageIndex,
        from: views[messageIndex].name,
        to: invocation.agent,
        request: shown(invocation.request),
        ...how,
        parallelWith: names.filter((name) => name !== invocation.agent),
      })
    }
  }
  for (const call of pairing.calls) {
    const parsed = handoffsOfToolCall(call.name, call.arguments)
    if (parsed === null) continue
    const callId = call.callId === '' ? null : call.callId
    if (parsed.problem !== null) {
      problems.push({ messageIndex: call.callIndex, callId, problem: parsed.problem })
      continue
    }
    addAll(parsed, call.callIndex, { source: 'invoke_agent', callId, resultIndex: call.resultIndex })
  }
  messages.forEach((message, index) => {
    const parsed = isPlain(message) ? parseAgentCalls(message.agent_calls) : null
    if (parsed === null) return
    if (parsed.problem !== null) {
      problems.push({ messageIndex: index, callId: null, problem: parsed.problem })
      return
    }
    addAll(parsed, index, { source: 'agent_calls', callId: null, resultIndex: null })
  })
  handoffs.sort((a, b) => a.messageIndex - b.messageIndex)
  return { handoffs, problems, agents: agentsOf(views, handoffs), delegations: delegationsOf(handoffs) }
}

function delegationsOf(handoffs: readonly Handoff[]): Delegation[] {
  const byPair = new Map<string, Delegation>()
  for (const handoff of handoffs) {
    const key = JSON.stringify([handoff.from, handoff.to])
    let found = byPair.get(key)
    if (!found)
      byPair.set(key, (found = { from: handoff.from, to: handoff.to, count: 0, messageIndices: [] }))
    found.count++
    if (found.messageIndices[found.messageIndices.length - 1] !== handoff.messageIndex)
      found.messageIndices.push(handoff.messageIndex)
  }
  return [...byPair.values()].sort((a, b) => b.count - a.count || a.messageIndices[0] - b.messageIndices[0])
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
