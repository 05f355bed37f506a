import type { JsonObject } from '../../../shared/model/langswarm/jsonFields'
import { isPlainObject } from '../../../shared/model/langswarm/jsonFields'
import type { Message } from '../../../shared/model/langswarm/message'

/** One tool invocation requested by an assistant message, whatever shape it was stored in. */
export interface ToolCallInfo {
  /** The id the provider gave the call; null when the stored call has none (legacy `function_call`). */
  id: string | null
  name: string
  /** The arguments as stored: OpenAI keeps a JSON string, other producers keep an object. */
  arguments: unknown
}

/** `tool_calls` in OpenAI shape (`{id, type, function: {name, arguments}}`), then a legacy `function_call`. */
export function toolCallsOf(message: Message): ToolCallInfo[] {
  const calls: ToolCallInfo[] = []
  for (const call of message.tool_calls ?? []) calls.push(describeCall(call))
  if (message.function_call !== null && Object.keys(message.function_call).length > 0) {
    calls.push({ ...describeCall(message.function_call), id: null })
  }
  return calls
}

function describeCall(call: Readonly<JsonObject>): ToolCallInfo {
  const fn = isPlainObject(call.function) ? call.function : call
  const id = typeof call.id === 'string' && call.id !== '' ? call.id : null
  const name = typeof fn.name === 'string' ? fn.name : ''
  const args = 'arguments' in fn ? fn.arguments : 'input' in call ? call.input : {}
  return { id, name, arguments: args }
}

/** Tool arguments as an object, which Anthropic's `tool_use.input` requires. */
export function argumentsAsObject(args: unknown): JsonObject {
  let value = args
  if (typeof args === 'string') {
    try {
      value = args.trim() === '' ? {} : JSON.parse(args)
    } catch {
      return { arguments: args }
    }
  }
  return isPlainObject(value) ? value : { arguments: value }
}

/** OpenAI keeps arguments as a JSON string. */
export const argumentsAsJsonString = (args: unknown): string =>
  typeof args === 'string' ? args : JSON.stringify(args ?? {})

/**
 * Tracks the calls an assistant turn opened so that tool results without a stored `tool_call_id` can be matched
 * to them in order, as providers pair them.
 */
export class PendingToolCalls {
  private pending: { id: string; name: string }[] = []

  open(calls: { id: string; name: string }[]): void {
    this.pending = [...calls]
  }

  /** Marks the call answered and returns it; by id when known, otherwise the oldest unanswered one. */
  answer(id: string | null): { id: string; name: string } | null {
    const index = id === null ? 0 : this.pending.findIndex((call) => call.id === id)
    if (index < 0 || index >= this.pending.length) return id === null ? null : { id, name: '' }
    const [call] = this.pending.splice(index, 1)
    return call
  }
}
