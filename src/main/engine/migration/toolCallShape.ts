import type { JsonObject, Message } from '../../../shared/model/langswarm'
import { argumentsAsJsonString, toolCallsOf } from '../langswarm/toolCalls'
import { isPlainObject } from '../../../shared/model/langswarm/jsonFields'

export interface OpenAiToolCalls {
  /** `{id, type, function: {name, arguments: str}}` each, the shape OpenAI and MARSYS's loader accept. */
  calls: JsonObject[]
  /** How many stored calls (or a legacy `function_call`) had to be rewritten into that shape. */
  converted: number
}

/**
 * A message's tool calls in OpenAI's shape. Calls already in it are kept as they are (key order included);
 * if any is not, or a legacy `function_call` is present, all are rebuilt from what they say (id, name,
 * arguments), with an id derived from the message where none was stored.
 */
export function openAiToolCalls(message: Message): OpenAiToolCalls {
  const stored = message.tool_calls ?? []
  const legacy = message.function_call !== null && Object.keys(message.function_call).length > 0
  const bad = stored.filter((call) => !isOpenAiToolCall(call)).length
  if (bad === 0 && !legacy) return { calls: stored as JsonObject[], converted: 0 }
  const calls = toolCallsOf(message).map((call, index) => ({
    id: call.id ?? `call_${message.message_id}_${index}`,
    type: 'function',
    function: { name: call.name || 'unknown', arguments: argumentsAsJsonString(call.arguments) },
  }))
  return { calls, converted: bad + (legacy ? 1 : 0) }
}

export function isOpenAiToolCall(call: Readonly<JsonObject>): boolean {
  const fn = call.function
  return (
    typeof call.id === 'string' &&
    call.id !== '' &&
    isPlainObject(fn) &&
    typeof fn.name === 'string' &&
    fn.name !== '' &&
    (fn.arguments === undefined || typeof fn.arguments === 'string')
  )
}
