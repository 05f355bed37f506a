/**
 * What happened in a conversation, read from its messages: what was asked, which tools were called and what came
 * back, hand-offs to other agents, what was concluded, what is still open, and what went wrong. Deterministic.
 */
import { clip, sentences, textOf } from './messageText'
import { HANDOFF_TOOL, parseInvokeAgentArguments } from '../conversations/handoffCalls'
import type { WireMessage } from '../compaction/types'

export interface ToolUse {
  name: string
  calls: number
  /** Short previews of what the tool returned, in order. */
  results: string[]
}

export interface Handoff {
  agent: string
  request: string
}

export interface ConversationDigest {
  byRole: Record<string, number>
  /** The user's requests (tool payloads excluded), in order. */
  requests: string[]
  tools: ToolUse[]
  handoffs: Handoff[]
  /** The last assistant text that is not just a step towards a tool call. */
  outcome: string | null
  decisions: string[]
  /** The `[Key Facts]` an earlier MARSYS compaction kept. */
  facts: string[]
  openQuestions: string[]
  errors: string[]
  images: number
  /** The `[Compacted Context Summary]` text of an earlier MARSYS compaction, when the history starts with one. */
  compactedContext: string | null
}

const PREVIEW = 120
const ERROR_TEXT = /\b(error|exception|traceback|failed|failure|not found|denied|timed out|refused)\b/i
const DECISION_TEXT =
  /\b(decided|decision|we will|i will|i'll|we'll|chose|choose|going with|recommend|conclude|conclusion|agreed|plan is|settled on)\b/i
const MAX_LISTED = 4

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

interface Call {
  id: string
  name: string
  arguments: string
}

function callsOf(message: WireMessage): Call[] {
  if (!Array.isArray(message.tool_calls)) return []
  return message.tool_calls.filter(isRecord).map((call) => {
    const fn = isRecord(call.function) ? call.function : {}
    return {
      id: typeof call.id === 'string' ? call.id : '',
      name: typeof fn.name === 'string' && fn.name ? fn.name : '(unnamed tool)',
      arguments: typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {}),
    }
  })
}

/** The hand-offs of an `invoke_agent` call, as the digest lists them (a call MARSYS refuses lists none). */
function handoffsOf(args: string): Handoff[] {
  const { invocations, problem } = parseInvokeAgentArguments(args)
  return problem !== null
    ? []
    : invocations.map(({ agent, request }) => ({ agent, request: clip(request, PREVIEW) }))
}

/** A MARSYS tool payload passed as a user message: `Tool <name> returned: …`. */
const TOOL_PAYLOAD = /^Tool (\S+) returned:\s*([\s\S]*)$/
/** The user message MARSYS adds for tool output a tool message cannot carry (images, typed parts). */
const TOOL_CONTENT = /^\[Tool response content for tool_call_id: ([^\]]*)\]\s*([\s\S]*)$/
const USER_REQUESTS = /^\[User Requests Summary\]\n([\s\S]*)$/
const COMPACTED =
  /^\[Compacted Context Summary\]\n([\s\S]*?)(?:\n\n\[Key Facts\]\n([\s\S]*?))?(?:\n\n\[Open Threads\]\n([\s\S]*))?$/

const bullets = (section: string | undefined): string[] =>
  (section ?? '')
    .split('\n')
    .map((line) => line.replace(/^- /, '').trim())
    .filter((line) => line !== '')

function countImages(content: unknown): number {
  return Array.isArray(content) ? content.filter((p) => isRecord(p) && p.type === 'image_url').length : 0
}

export function digestConversation(messages: readonly WireMessage[]): ConversationDigest {
  const digest: ConversationDigest = {
    byRole: {},
    requests: [],
    tools: [],
    handoffs: [],
    outcome: null,
    decisions: [],
    facts: [],
    openQuestions: [],
    errors: [],
    images: 0,
    compactedContext: null,
  }
  const tools = new Map<string, ToolUse>()
  const toolFor = (name: string): ToolUse => {
    let use = tools.get(name)
    if (!use) tools.set(name, (use = { name, calls: 0, results: [] }))
    return use
  }
  const pending = new Map<string, string>()
  const toolNames = new Map<string, string>()
  const carriedThreads: string[] = []
  let lastAssistantText: string | null = null
  let answeredLastUser = true

  const recordResult = (name: string, text: string) => {
    const preview = clip(text, PREVIEW)
    if (preview) toolFor(name).results.push(preview)
    if (ERROR_TEXT.test(text.slice(0, 300))) digest.errors.push(`${name}: ${preview}`)
  }

  for (const message of messages) {
    const role = typeof message.role === 'string' ? message.role : '(no role)'
    digest.byRole[role] = (digest.byRole[role] ?? 0) + 1
    digest.images += countImages(message.content)
    const text = textOf(message.content).trim()

    if (role === 'user') {
      const payload = TOOL_PAYLOAD.exec(text)
      const toolContent = TOOL_CONTENT.exec(text)
      const summarised = USER_REQUESTS.exec(text)
      if (payload) recordResult(payload[1], payload[2])
      else if (toolContent)
        recordResult(
          pending.get(toolContent[1]) ?? toolNames.get(toolContent[1]) ?? '(unknown tool)',
          toolContent[2],
        )
      else if (summarised) digest.requests.push(summarised[1].trim())
      else if (text) {
        digest.requests.push(text)
        answeredLastUser = false
      }
    } else if (role === 'assistant' && COMPACTED.test(text)) {
      const [, summary, facts, threads] = COMPACTED.exec(text)!
      digest.compactedContext = summary.trim()
      digest.facts.push(...bullets(facts))
      carriedThreads.push(...bullets(threads))
    } else if (role === 'assistant') {
      const calls = callsOf(message)
      for (const call of calls) {
        if (call.id) {
          pending.set(call.id, call.name)
          toolNames.set(call.id, call.name)
        }
        if (call.name === HANDOFF_TOOL) digest.handoffs.push(...handoffsOf(call.arguments))
        else toolFor(call.name).calls++
      }
      if (text) {
        answeredLastUser = true
        if (calls.length === 0) lastAssistantText = text
        for (const sentence of sentences(text)) {
          if (DECISION_TEXT.test(sentence)) digest.decisions.push(clip(sentence, 200))
        }
      } else if (calls.length > 0) answeredLastUser = true
    } else if (role === 'tool') {
      const id = typeof message.tool_call_id === 'string' ? message.tool_call_id : ''
      const name = (typeof message.name === 'string' && message.name) || pending.get(id) || '(unknown tool)'
      pending.delete(id)
      if (name === HANDOFF_TOOL) continue
      recordResult(name, text)
    }
  }

  digest.tools = [...tools.values()].filter((t) => t.calls > 0 || t.results.length > 0)
  digest.outcome = lastAssistantText
  digest.openQuestions.push(...carriedThreads)
  for (const name of pending.values()) digest.openQuestions.push(`no result yet from ${name}`)
  if (!answeredLastUser && digest.requests.length > 0)
    digest.openQuestions.push(`unanswered: ${clip(digest.requests[digest.requests.length - 1], PREVIEW)}`)
  if (lastAssistantText) {
    for (const sentence of sentences(lastAssistantText)) {
      if (sentence.endsWith('?')) digest.openQuestions.push(clip(sentence, 200))
    }
  }
  digest.decisions = [...new Set(digest.decisions)].slice(-MAX_LISTED)
  digest.errors = digest.errors.slice(0, MAX_LISTED)
  return digest
}
