/**
 * Figures the charts show, computed from per-message counts: totals per counter, cumulative series, the largest
 * messages, breakdowns by role and by kind, and costs from the model table.
 */
import { KINDS, emptyKindTokens, type KindTokens } from './chatTokenRule'
import type { BpeEncoding, MessageTokens } from './messageTokens'
import type { ModelInfo } from './modelTable'

export type CounterName = 'marsys' | 'langswarm' | BpeEncoding

/** A message's counts in a BPE encoding; throws when that encoding was not asked for. */
export function countedIn(tokens: MessageTokens, encoding: BpeEncoding): KindTokens {
  const counted = tokens[encoding]
  if (!counted) throw new Error(`${encoding} was not counted for this conversation`)
  return counted
}

/** One message's figure for a counter (0 for entries MARSYS skips). */
export function messageTotal(tokens: MessageTokens, counter: CounterName): number {
  if (counter === 'marsys') return tokens.marsys ?? 0
  if (counter === 'langswarm') return tokens.langswarm
  return countedIn(tokens, counter).total
}

/** Running totals: element i is the sum of messages 0..i. */
export function cumulativeSeries(messages: readonly MessageTokens[], counter: CounterName): Float64Array {
  const series = new Float64Array(messages.length)
  let sum = 0
  messages.forEach((tokens, i) => (series[i] = sum += messageTotal(tokens, counter)))
  return series
}

/** The first message whose cumulative total exceeds `limit`, or -1. */
export function crossingIndex(series: Float64Array, limit: number): number {
  return series.findIndex((sum) => sum > limit)
}

export interface RankedMessage {
  index: number
  role: string
  tokens: number
}

/** The `n` largest messages, largest first (earlier first on ties). */
export function topMessages(
  messages: readonly MessageTokens[],
  counter: CounterName,
  n: number,
): RankedMessage[] {
  return messages
    .map((tokens, index) => ({ index, role: tokens.role, tokens: messageTotal(tokens, counter) }))
    .sort((a, b) => b.tokens - a.tokens || a.index - b.index)
    .slice(0, Math.max(0, n))
}

/** Tokens and message counts per role ('' for messages without one). */
export function breakdownByRole(
  messages: readonly MessageTokens[],
  counter: CounterName,
): Record<string, { messages: number; tokens: number }> {
  const out: Record<string, { messages: number; tokens: number }> = {}
  for (const tokens of messages) {
    const bucket = (out[tokens.role] ??= { messages: 0, tokens: 0 })
    bucket.messages++
    bucket.tokens += messageTotal(tokens, counter)
  }
  return out
}

/** Tokens by kind (text, tool results, tool calls, images, overhead) for a BPE encoding. */
export function breakdownByKind(messages: readonly MessageTokens[], encoding: BpeEncoding): KindTokens {
  const sum = emptyKindTokens()
  for (const tokens of messages) {
    const counted = countedIn(tokens, encoding)
    for (const kind of KINDS) sum[kind] += counted[kind]
    sum.total += counted.total
  }
  return sum
}

export interface MessageCost {
  /** USD to send the message as input. */
  input: number
  /** USD it cost to generate, for assistant messages (model output); 0 otherwise. */
  output: number
}

const PER_MILLION = 1_000_000

/** Cost of one message with the model's encoding and prices. */
export function messageCost(tokens: MessageTokens, model: ModelInfo): MessageCost {
  const count = messageTotal(tokens, model.encoding)
  return {
    input: (count * model.inputPerMillion) / PER_MILLION,
    output: tokens.role === 'assistant' ? (count * model.outputPerMillion) / PER_MILLION : 0,
  }
}

export interface ConversationCost {
  /** USD to send the whole conversation once as a prompt (reply priming included). */
  prompt: number
  /** USD the assistant messages cost to generate. */
  generated: number
  promptTokens: number
  generatedTokens: number
  pricesAsOf: string
}

export function conversationCost(
  messages: readonly MessageTokens[],
  model: ModelInfo,
  replyPriming: number,
): ConversationCost {
  let promptTokens = replyPriming
  let generatedTokens = 0
  for (const tokens of messages) {
    const count = messageTotal(tokens, model.encoding)
    promptTokens += count
    if (tokens.role === 'assistant') generatedTokens += count
  }
  return {
    prompt: (promptTokens * model.inputPerMillion) / PER_MILLION,
    generated: (generatedTokens * model.outputPerMillion) / PER_MILLION,
    promptTokens,
    generatedTokens,
    pricesAsOf: model.pricesAsOf,
  }
}
