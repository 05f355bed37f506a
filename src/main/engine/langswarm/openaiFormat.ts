import { MessageRole } from '../../../shared/model/langswarm/enums'
import { ValidationError } from '../../../shared/model/langswarm/errors'
import type { JsonObject } from '../../../shared/model/langswarm/jsonFields'
import type { Message } from '../../../shared/model/langswarm/message'
import { PendingToolCalls, toolCallsOf } from './toolCalls'

/** One entry of an OpenAI Chat Completions `messages` array. */
export interface OpenAIChatMessage {
  role: MessageRole
  content: string
  name?: string
  tool_call_id?: string
  function_call?: JsonObject
  tool_calls?: JsonObject[]
}

/**
 * Python's `to_openai_format()` plus what OpenAI needs and the Python drops: `tool_call_id` on tool messages and
 * `name` on function messages, both read from `metadata`. Without context a tool message with no stored id is
 * emitted without one; `toOpenAIMessages` fills it in from the conversation.
 */
export function toOpenAIFormat(message: Message): OpenAIChatMessage {
  const out: OpenAIChatMessage = { role: message.role, content: message.content }
  if (message.function_call !== null && Object.keys(message.function_call).length > 0) {
    out.function_call = message.function_call as JsonObject
  }
  if (message.tool_calls !== null && message.tool_calls.length > 0)
    out.tool_calls = message.tool_calls as JsonObject[]
  if (message.role === MessageRole.TOOL && message.toolCallId !== null) out.tool_call_id = message.toolCallId
  if (message.role === MessageRole.FUNCTION && message.name !== null) out.name = message.name
  return out
}

/**
 * A whole conversation for OpenAI. Tool messages missing a `tool_call_id` answer the preceding assistant's calls
 * in order, and function messages missing a name take the preceding `function_call`'s; a result that answers
 * nothing is an error rather than a request OpenAI would reject.
 */
export function toOpenAIMessages(messages: readonly Message[]): OpenAIChatMessage[] {
  const pending = new PendingToolCalls()
  return messages.map((message, index) => {
    const out = toOpenAIFormat(message)
    if (message.role === MessageRole.ASSISTANT) {
      pending.open(
        toolCallsOf(message).map((call) => ({ id: call.id ?? `function:${call.name}`, name: call.name })),
      )
    } else if (message.role === MessageRole.TOOL) {
      const call = pending.answer(message.toolCallId)
      if (call === null)
        throw unanswerable(index, 'tool message has no tool_call_id and answers no open tool call')
      out.tool_call_id = call.id
    } else if (message.role === MessageRole.FUNCTION) {
      const call = pending.answer(null)
      const name = message.name ?? call?.name ?? ''
      if (name === '') throw unanswerable(index, 'function message has no name and answers no function_call')
      out.name = name
    }
    return out
  })
}

const unanswerable = (index: number, reason: string): ValidationError =>
  new ValidationError(`Message ${index}: ${reason}`, { messageIndex: index })
