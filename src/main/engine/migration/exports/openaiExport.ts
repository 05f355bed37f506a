import type { JsonObject } from '../../../../shared/model/langswarm'
import { toOpenAIMessages } from '../../langswarm/openaiFormat'
import { toPlain } from '../../../../shared/pyjson'
import { marsysExtras, originalContent } from '../marsysMapping'
import { openAiToolCalls } from '../toolCallShape'
import type { LossEntry } from '../types'
import {
  mergeLosses,
  sessionLosses,
  type ExportableSession,
  type ExportOptions,
  type ExportResult,
} from './exportTypes'
import { pairToolCalls } from './toolCallPairing'

export const DEFAULT_OPENAI_MODEL = 'gpt-4o'

/**
 * An OpenAI Chat Completions request body (`{model, messages}`): tool results carry the `tool_call_id` of the
 * call they answer (matched in order where none was stored), tool calls are in OpenAI's shape, and content a
 * MARSYS file held as a typed array goes back as that array. Calls and results are paired first
 * (`pairToolCalls`: what it moves or leaves out to make a request OpenAI accepts is listed).
 */
export function exportOpenAI(session: ExportableSession, options: ExportOptions = {}): ExportResult {
  const paired = pairToolCalls(session.messages)
  const losses: LossEntry[] = [...sessionLosses(session, 'an OpenAI request'), ...paired.losses]
  const converted = toOpenAIMessages(paired.messages)
  const messages = converted.map((out, index) => {
    const message = paired.messages[index]
    const result: JsonObject = { ...out }
    const extras = marsysExtras(message)
    // A MARSYS assistant turn that only calls tools has content null, which OpenAI accepts there.
    if (extras.content === 'null' && message.content === '' && out.tool_calls !== undefined)
      result.content = null
    if (extras.content === 'json') {
      const value = toPlain(originalContent(message))
      if (Array.isArray(value)) result.content = value
    }
    if (out.tool_calls !== undefined) {
      const { calls, converted: rewritten } = openAiToolCalls(message)
      result.tool_calls = calls
      if (rewritten > 0)
        losses.push({ field: 'tool_calls', count: rewritten, reason: 'rewritten in OpenAI shape' })
    }
    return result
  })
  losses.push(...messageLosses(session))
  const text = JSON.stringify({ model: options.model ?? DEFAULT_OPENAI_MODEL, messages }, null, 2)
  return { text: `${text}\n`, extension: 'json', losses: mergeLosses(losses) }
}

/** Per-message fields no provider request carries. */
export function messageLosses(session: ExportableSession): LossEntry[] {
  const n = session.messages.length
  if (n === 0) return []
  const withMetadata = session.messages.filter((m) =>
    Object.keys(m.metadata).some((key) => !['name', 'tool_call_id', 'marsys', 'is_error'].includes(key)),
  ).length
  const losses: LossEntry[] = [
    { field: 'timestamp', count: n, reason: 'provider requests carry no message times' },
    { field: 'message_id', count: n, reason: 'provider requests carry no message ids' },
  ]
  if (withMetadata > 0)
    losses.push({
      field: 'metadata',
      count: withMetadata,
      reason: 'provider requests carry no message metadata',
    })
  const counted = session.messages.filter((m) => m.token_count !== null).length
  if (counted > 0)
    losses.push({ field: 'token_count', count: counted, reason: 'provider requests carry no token counts' })
  return losses
}
