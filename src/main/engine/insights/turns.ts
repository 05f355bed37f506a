/** Turns (a user message and what follows it up to the next one) and token growth, with the MARSYS counter. */
import type { MessageView } from './messageView'

export interface Turn {
  turn: number
  startIndex: number
  /** Inclusive. */
  endIndex: number
  /** The user message opening the turn; null for what comes before the first one (the system prompt). */
  userIndex: number | null
  roles: Record<string, number>
  toolCalls: number
  tokens: number
  /** Tokens of the conversation up to the end of this turn: the growth curve. */
  cumulativeTokens: number
}

export interface TokenFigures {
  counter: 'marsys-default'
  total: number
  /** MARSYS's count per message (0 for entries that are not objects: MARSYS skips them). */
  perMessage: number[]
  byRole: Record<string, number>
  /** The five largest messages. */
  largest: { messageIndex: number; tokens: number }[]
  thresholdTokens: number
  /** total / thresholdTokens. */
  thresholdUsed: number
  /** The first message at which the running total went over the threshold, or null. */
  overThresholdAt: number | null
}

/** User messages MARSYS writes to carry tool output (`[Tool response content for tool_call_id: …]`) are no turn. */
const TOOL_PAYLOAD = /^\s*(?:\[Tool response content for tool_call_id|Tool \S+ returned:)/

export const opensTurn = (view: MessageView): boolean =>
  view.role === 'user' && !TOOL_PAYLOAD.test(view.text.slice(0, 200))

export function splitTurns(views: readonly MessageView[], perMessage: readonly number[]): Turn[] {
  const turns: Turn[] = []
  let current: Turn | null = null
  let cumulative = 0
  for (const view of views) {
    if (current === null || opensTurn(view)) {
      current = {
        turn: turns.length,
        startIndex: view.index,
        endIndex: view.index,
        userIndex: opensTurn(view) ? view.index : null,
        roles: {},
        toolCalls: 0,
        tokens: 0,
        cumulativeTokens: cumulative,
      }
      turns.push(current)
    }
    current.endIndex = view.index
    current.roles[view.role] = (current.roles[view.role] ?? 0) + 1
    current.toolCalls += view.toolCalls.length
    current.tokens += perMessage[view.index]
    cumulative += perMessage[view.index]
    current.cumulativeTokens = cumulative
  }
  return turns
}

const LARGEST = 5

export function tokenFigures(
  views: readonly MessageView[],
  perMessage: number[],
  thresholdTokens: number,
): TokenFigures {
  const byRole: Record<string, number> = {}
  let total = 0
  let overThresholdAt: number | null = null
  for (const view of views) {
    byRole[view.role] = (byRole[view.role] ?? 0) + perMessage[view.index]
    total += perMessage[view.index]
    if (overThresholdAt === null && total > thresholdTokens) overThresholdAt = view.index
  }
  const largest = perMessage
    .map((tokens, messageIndex) => ({ messageIndex, tokens }))
    .sort((a, b) => b.tokens - a.tokens || a.messageIndex - b.messageIndex)
    .slice(0, LARGEST)
  return {
    counter: 'marsys-default',
    total,
    perMessage,
    byRole,
    largest,
    thresholdTokens,
    thresholdUsed: thresholdTokens > 0 ? total / thresholdTokens : 0,
    overThresholdAt,
  }
}
