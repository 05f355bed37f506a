import { MessageRole } from '../../../shared/model/langswarm/enums'
import { ValidationError } from '../../../shared/model/langswarm/errors'
import type { Message } from '../../../shared/model/langswarm/message'
import { messageTokenCost, type TokenEstimator } from '../../../shared/model/langswarm/tokenEstimator'
import type {
  GetMessagesOptions,
  MessagePage,
  MessagePageQuery,
} from '../../../shared/model/langswarm/interfaces'
import { UtcDateTime, type DateTimeInput } from '../../../shared/model/langswarm/utcDateTime'

/** Pure list operations behind the session's reads and trims (spec §5.2, §5.3, §5.4, §5.9). */

/** Messages kept by the context window when no token budget is given (spec §5.3). */
export const DEFAULT_CONTEXT_MESSAGES = 10

function filterMessages(
  messages: readonly Message[],
  includeSystem: boolean,
  since: DateTimeInput | null | undefined,
) {
  const from = since == null ? null : UtcDateTime.from(since, 'since')
  if (includeSystem && from === null) return messages
  return messages.filter(
    (message) =>
      (includeSystem || message.role !== MessageRole.SYSTEM) &&
      (from === null || !message.timestamp.isBefore(from)),
  )
}

function checkCount(value: number | null | undefined, path: string): number {
  if (value == null) return 0
  if (!Number.isInteger(value) || value < 0)
    throw new ValidationError(`${path} must be an integer ≥ 0`, { path })
  return value
}

/** Python's `get_messages`, except that a negative limit is rejected instead of slicing from the front. */
export function selectMessages(messages: readonly Message[], options: GetMessagesOptions = {}): Message[] {
  const limit = checkCount(options.limit, 'limit')
  const selected = filterMessages(messages, options.includeSystem ?? true, options.since)
  return limit > 0 ? selected.slice(-limit) : [...selected]
}

export function pageMessages(messages: readonly Message[], query: MessagePageQuery = {}): MessagePage {
  const offset = checkCount(query.offset, 'offset')
  const limit = checkCount(query.limit, 'limit')
  const selected = filterMessages(messages, query.includeSystem ?? true, query.since)
  const total = selected.length
  let page: Message[]
  if (query.newestFirst === true) {
    const end = Math.max(total - offset, 0)
    page = selected.slice(limit > 0 ? Math.max(end - limit, 0) : 0, end).reverse()
  } else {
    page = selected.slice(offset, limit > 0 ? offset + limit : undefined)
  }
  return { messages: page, total, offset }
}

/**
 * Python's `get_recent_context`: without a budget the last 10 messages; with one, walk from the newest and stop at
 * the first message that does not fit (older, smaller ones are not considered). Result is oldest first.
 */
export function recentContext(
  messages: readonly Message[],
  maxTokens: number | null | undefined,
  estimator: TokenEstimator,
): Message[] {
  const budget = checkCount(maxTokens, 'maxTokens')
  if (budget === 0) return messages.slice(-DEFAULT_CONTEXT_MESSAGES)
  const picked: Message[] = []
  let total = 0
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const cost = messageTokenCost(messages[index], estimator)
    if (total + cost > budget) break
    total += cost
    picked.push(messages[index])
  }
  return picked.reverse()
}

/**
 * Python's `_trim_messages`: every system message is kept and moved to the front, then the newest
 * `max_messages - systemCount` others. With more system messages than the limit, the result exceeds it.
 */
export function trimMessages(messages: readonly Message[], maxMessages: number): Message[] {
  if (messages.length <= maxMessages) return [...messages]
  const system = messages.filter((message) => message.role === MessageRole.SYSTEM)
  const others = messages.filter((message) => message.role !== MessageRole.SYSTEM)
  const keep = maxMessages - system.length
  return [...system, ...(keep > 0 ? others.slice(-keep) : [])]
}

export function clearMessages(messages: readonly Message[], keepSystem: boolean): Message[] {
  return keepSystem ? messages.filter((message) => message.role === MessageRole.SYSTEM) : []
}
