import { ValidationError } from '../../../../shared/model/langswarm'
import { toAnthropicRequest } from '../../langswarm/anthropicFormat'
import type { LossEntry } from '../types'
import {
  mergeLosses,
  sessionLosses,
  type ExportableSession,
  type ExportOptions,
  type ExportResult,
} from './exportTypes'
import { messageLosses } from './openaiExport'

export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-5'
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096

/** Stands in for the user turn the Messages API requires first when a conversation opens with the assistant. */
export const OPENING_USER_TURN = '(conversation continues)'

/**
 * An Anthropic Messages API request: system messages lifted into `system`, tool calls as `tool_use` blocks and
 * results as `tool_result` blocks with the same ids, same-role turns merged so turns alternate, starting with the
 * user. A conversation with nothing to send, or a result answering no call, is an error.
 */
export function exportAnthropic(session: ExportableSession, options: ExportOptions = {}): ExportResult {
  const losses: LossEntry[] = [...sessionLosses(session, 'an Anthropic request'), ...messageLosses(session)]
  const request = toAnthropicRequest(session.messages, {
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
