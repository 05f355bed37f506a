import type { TokenUsage } from '../../../../shared/domains/tokens/contract'
import { formatCount } from '../../lib/format'

/** Which figure the charts plot per message: MARSYS's estimate (what compaction compares) or the model's BPE. */
export type Counter = 'marsys' | 'bpe'

export const counterLabel = (usage: TokenUsage, counter: Counter): string =>
  counter === 'marsys' ? 'MARSYS tokens' : `${usage.model.encoding} tokens`

/** Running totals: element i is the sum of messages 0..i (what the cumulative line plots). */
export function runningTotals(values: readonly number[]): Float64Array {
  const out = new Float64Array(values.length)
  let sum = 0
  for (let i = 0; i < values.length; i++) out[i] = sum += values[i]
  return out
}

/** The largest message for a counter (the earliest on ties), or -1 when there are none. */
export function largestIndex(values: readonly number[]): number {
  let best = -1
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i] > values[best]) best = i
  return best
}

/**
 * The `n` largest messages' indices, largest first (earlier first on ties): one pass keeping a short sorted list,
 * so 100,000 messages cost no full sort on the renderer's thread.
 */
export function largestFirst(values: readonly number[], n: number): number[] {
  const top: number[] = []
  for (let i = 0; i < values.length; i++) {
    if (top.length === n && values[i] <= values[top[n - 1]]) continue
    let at = top.length
    while (at > 0 && values[top[at - 1]] < values[i]) at--
    top.splice(at, 0, i)
    if (top.length > n) top.pop()
  }
  return top
}

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 3,
})
export const formatUsd = (value: number): string => (value === 0 ? '$0' : usd.format(value))

/** The sentences a screen reader gets instead of the chart. */
export function usageSummary(usage: TokenUsage, counter: Counter): string[] {
  const values = usage.messages[counter]
  const count = values.length
  const total = counter === 'marsys' ? usage.totals.marsys : usage.totals.bpe.total
  const lines = [
    `${formatCount(count)} message${count === 1 ? '' : 's'}, ${formatCount(total)} ${counterLabel(usage, counter)} in total ` +
      `(${formatUsd(usage.cost.prompt)} as one ${usage.model.id} prompt).`,
  ]
  const largest = largestIndex(values)
  if (largest >= 0)
    lines.push(
      `Largest: message ${largest} (${usage.messages.roles[largest] || 'no role'}), ${formatCount(values[largest])} tokens.`,
    )
  const threshold = formatCount(usage.budget.marsys.thresholdTokens)
  lines.push(
    usage.thresholdCrossing >= 0
      ? `MARSYS's threshold of ${threshold} tokens is crossed at message ${usage.thresholdCrossing}.`
      : `MARSYS's threshold of ${threshold} tokens is not crossed.`,
  )
  return lines
}

const csvField = (value: string | number): string =>
  typeof value === 'number' || !/[",\n]/.test(value) ? String(value) : `"${value.replace(/"/g, '""')}"`

/** One row per message: what the chart shows, for a spreadsheet. */
export function usageCsv(usage: TokenUsage): string {
  const { messages, model } = usage
  const header = [
    'index',
    'message_id',
    'role',
    'marsys_tokens',
    `${model.encoding}_tokens`,
    'cost_input_usd',
    'cost_output_usd',
  ]
  const rows = messages.ids.map((id, i) =>
    [
      i,
      id,
      messages.roles[i],
      messages.marsys[i],
      messages.bpe[i],
      messages.costInput[i],
      messages.costOutput[i],
    ]
      .map(csvField)
      .join(','),
  )
  return [header.join(','), ...rows].join('\n') + '\n'
}
