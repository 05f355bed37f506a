import { ValidationError } from '../../../../shared/model/langswarm'
import { isPlainObject } from '../../../../shared/model/langswarm/jsonFields'
import { toAnthropicRequest } from '../../langswarm/anthropicFormat'
import { toolCallsOf } from '../../langswarm/toolCalls'
import type { LossEntry } from '../types'
import {
  mergeLosses,
  sessionLosses,
  type ExportableSession,
  type ExportOptions,
  type ExportResult,
} from './exportTypes'
import { pairToolCalls, type PairedConversation } from './toolCallPairing'
import { messageLosses } from './openaiExport'

export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-5'
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096

/** Stands in for the user turn the Messages API requires first when a conversation opens with the assistant. */
export const OPENING_USER_TURN = '(conversation continues)'

/**
 * An Anthropic Messages API request: system messages lifted into `system`, tool calls as `tool_use` blocks and
 * results as `tool_result` blocks with the same ids, same-role turns merged so turns alternate, starting with the
 * user. Calls and results are paired first (`pairToolCalls`: what it moves or leaves out is listed). A
 * conversation with nothing to send is an error.
 */
export function exportAnthropic(session: ExportableSession, options: ExportOptions = {}): ExportResult {
  const paired = pairToolCalls(session.messages)
  const losses: LossEntry[] = [
    ...sessionLosses(session, 'an Anthropic request'),
    ...messageLosses(session),
    ...paired.losses,
    ...wrappedArguments(paired),
  ]
  const request = toAnthropicRequest(paired.messages, {
    model: options.model ?? DEFAULT_ANTHROPIC_MODEL,
    max_tokens: options.maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
  })
  if (request.messages.length === 0)
    throw new ValidationError(
      'nothing to send: the session has no user, assistant or tool message with content',
    )
  if (request.messages[0].role === 'assistant') {
    request.messages.unshift({ role: 'user', content: OPENING_USER_TURN })
    losses.push({
      field: 'first turn',
      count: 1,
      reason: `the conversation opens with the assistant; a user turn "${OPENING_USER_TURN}" was put first, as the API requires`,
    })
  }
  const systemCount = session.messages.filter((m) => m.role === 'system').length
  if (systemCount > 1)
    losses.push({
      field: 'system messages',
      count: systemCount,
      reason: 'joined into one system prompt, positions lost',
    })
  const blank = session.messages.filter(
    (m) => m.role !== 'system' && m.content.trim() === '' && m.tool_calls === null,
  ).length
  if (blank > 0) losses.push({ field: 'content', count: blank, reason: 'blank messages are not sent' })
  return { text: `${JSON.stringify(request, null, 2)}\n`, extension: 'json', losses: mergeLosses(losses) }
}

/** `tool_use.input` must be an object: arguments that are not a JSON object are sent as `{"arguments": …}`. */
function wrappedArguments(paired: PairedConversation): LossEntry[] {
  const losses: LossEntry[] = []
  paired.messages.forEach((message, position) => {
    for (const call of toolCallsOf(message))
      if (!isJsonObjectArguments(call.arguments))
        losses.push({
          field: 'tool_calls.arguments',
          count: 1,
          reason: `message ${paired.sourceIndex[position]}: the arguments of call ${call.name || '(no name)'} are not a JSON object; sent as {"arguments": …}`,
        })
  })
  return losses
}

/** What `tool_use.input` takes as it is: an object, a JSON object's text, or nothing (sent as `{}`). */
function isJsonObjectArguments(args: unknown): boolean {
  if (args === undefined) return true
  if (typeof args !== 'string') return isPlainObject(args)
  if (args.trim() === '') return true
  try {
    return isPlainObject(JSON.parse(args))
  } catch {
    return false
  }
}
