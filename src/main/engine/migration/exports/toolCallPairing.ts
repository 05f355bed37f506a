import { MessageRole, type JsonObject, type Message } from '../../../../shared/model/langswarm'
import { toolCallsOf } from '../../langswarm/toolCalls'
import type { LossEntry } from '../types'

/** A conversation whose tool calls pair with their results as the provider APIs require. */
export interface PairedConversation {
  messages: Message[]
  /** For each of `messages`, its index in the session (for losses and errors that name a message). */
  sourceIndex: number[]
  losses: LossEntry[]
}

interface OpenCall {
  id: string | null
  name: string
  answered: boolean
}

const isResult = (message: Message): boolean =>
  message.role === MessageRole.TOOL || message.role === MessageRole.FUNCTION

/**
 * Both OpenAI and Anthropic refuse a request unless every tool call of an assistant turn is answered by a result
 * right after it. So, between an assistant turn with calls and the next assistant turn: a user or system message
 * that sits before a result is moved after the results, and a call no result answers is left out (with its
 * message, if nothing else is left of it), and so is a result that answers no call. Each change is listed,
 * naming the message: the request is valid and nothing goes missing unsaid.
 */
export function pairToolCalls(messages: readonly Message[]): PairedConversation {
  const out: PairedConversation = { messages: [], sourceIndex: [], losses: [] }
  const push = (message: Message, index: number): void => {
    out.messages.push(message)
    out.sourceIndex.push(index)
  }
  let i = 0
  while (i < messages.length) {
    const message = messages[i]
    if (isResult(message)) {
      out.losses.push(answersNoCall(message, i++))
      continue
    }
    const calls: OpenCall[] = toolCallsOf(message).map((call) => ({ ...call, answered: false }))
    if (message.role !== MessageRole.ASSISTANT || calls.length === 0) {
      push(message, i++)
      continue
    }
    const results: number[] = []
    const others: number[] = []
    let end = i + 1
    for (; end < messages.length && messages[end].role !== MessageRole.ASSISTANT; end++) {
      const next = messages[end]
      if (!isResult(next)) {
        others.push(end)
        continue
      }
      if (answer(calls, next.toolCallId) === null) out.losses.push(answersNoCall(next, end))
      else results.push(end)
    }
    const lastResult = results.at(-1) ?? -1
    for (const index of others.filter((index) => index < lastResult))
      out.losses.push({
        field: 'position',
        count: 1,
        reason: `message ${index}: the ${messages[index].role} message between a tool call and its result is sent after the result, as the API requires`,
      })
    const kept = withoutUnanswered(message, i, calls, out.losses)
    if (kept !== null) push(kept, i)
    for (const index of [...results, ...others]) push(messages[index], index)
    i = end
  }
  return out
}

/** The call a result answers: by its id when it has one, otherwise the oldest unanswered call. */
function answer(calls: OpenCall[], id: string | null): OpenCall | null {
  const call = calls.find((candidate) => !candidate.answered && (id === null || candidate.id === id))
  if (call === undefined) return null
  call.answered = true
  return call
}

/** The assistant message with only its answered calls; null when nothing would be left of it. */
function withoutUnanswered(
  message: Message,
  index: number,
  calls: readonly OpenCall[],
  losses: LossEntry[],
): Message | null {
  const unanswered = calls.filter((call) => !call.answered)
  if (unanswered.length === 0) return message
  const empty = message.content.trim() === '' && unanswered.length === calls.length
  for (const call of unanswered)
    losses.push({
      field: 'tool_calls',
      count: 1,
      reason: `message ${index}: call ${call.name || '(no name)'}${call.id === null ? '' : ` (${call.id})`} has no result before the next turn; left out${empty ? ' with its message' : ''}, as the API refuses an unanswered call`,
    })
  if (empty) return null
  // toolCallsOf lists `tool_calls` in order, then a legacy `function_call`.
  const stored = message.tool_calls ?? []
  const toolCalls = stored.filter((_, k) => calls[k].answered) as JsonObject[]
  const functionCall =
    calls.length > stored.length && calls[stored.length].answered ? message.function_call : null
  return message.with({
    tool_calls: toolCalls.length > 0 ? toolCalls : null,
    function_call: functionCall as JsonObject | null,
  })
}

const answersNoCall = (message: Message, index: number): LossEntry => ({
  field: 'tool result',
  count: 1,
  reason: `message ${index}: the ${message.role} result answers no tool call${message.toolCallId === null ? '' : ` (tool_call_id ${message.toolCallId})`} of the assistant turn before it; left out, as the API refuses it`,
})
