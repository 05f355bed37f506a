import { usageView } from '../api/tokens/usageView'
import { ManagedMemoryConfig } from '../engine/marsys/memory/managedConfig'
import type { KindTokens } from '../engine/tokens/chatTokenRule'
import { BPE_ENCODINGS, type MessageTokens } from '../engine/tokens/messageTokens'
import { buildModelTable, findModel } from '../engine/tokens/modelTable'
import { sumTokens } from '../engine/tokens/tokenService'
import type { BenchRow } from './types'

const TARGET_MS = 50
const REPEATS = 3
const ROLES = ['system', 'user', 'assistant', 'tool'] as const

const round = (n: number): number => Math.round(n * 100) / 100

function kinds(i: number): KindTokens {
  const text = 10 + (i % 97)
  return {
    text,
    toolResults: i % 4 === 3 ? 40 : 0,
    toolCalls: i % 4 === 2 ? 12 : 0,
    images: 0,
    overhead: 4,
    total: 0,
  }
}

function messageTokens(count: number): MessageTokens[] {
  return Array.from({ length: count }, (_, i) => {
    const counted = kinds(i)
    counted.total = counted.text + counted.toolResults + counted.toolCalls + counted.overhead
    return {
      role: ROLES[i % 4],
      marsys: 3 + (i % 113),
      langswarm: i % 50,
      o200k_base: counted,
      cl100k_base: { ...counted },
    }
  })
}

/** The fastest of a few runs after one to warm up the JIT. */
function best(run: () => void): number {
  run()
  let fastest = Infinity
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now()
    run()
    fastest = Math.min(fastest, performance.now() - t0)
  }
  return fastest
}

/**
 * The tokens panel's answer for a large conversation once its messages are counted: the work `tokens.usage` does
 * on main's thread (columns, breakdowns, threshold crossing, budget, costs) and encoding it as JSON, against a
 * floor of one pass summing the same counts.
 */
export function runTokenUsageBench(opts: { messages?: number } = {}): BenchRow[] {
  const count = opts.messages ?? 100_000
  const messages = messageTokens(count)
  const counted = {
    revision: 1,
    ids: messages.map((_, i) => i + 1),
    messages,
    totals: sumTokens(messages, BPE_ENCODINGS),
  }
  const model = findModel(buildModelTable(), 'gpt-4o')
  if (!model) throw new Error('gpt-4o is missing from the model table')
  const config = new ManagedMemoryConfig()
  let sink = 0
  const floorMs = best(() => {
    for (const tokens of messages) sink += (tokens.marsys ?? 0) + (tokens.o200k_base?.total ?? 0)
  })
  const viewMs = best(() => void (sink += usageView(counted, model, config, 0).messages.bpe.length))
  const encodeMs = best(() => void (sink += JSON.stringify(usageView(counted, model, config, 0)).length))
  if (sink === 0) throw new Error('nothing was computed')
  const label = count.toLocaleString('en-US')
  return [
    { name: `tokens panel: floor, one pass over ${label} counts`, value: round(floorMs), unit: 'ms' },
    {
      name: `tokens panel: usage view of ${label} messages (main thread)`,
      value: round(viewMs),
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms`,
      ok: viewMs <= TARGET_MS,
    },
    { name: 'tokens panel: usage view / floor', value: round(viewMs / Math.max(floorMs, 0.01)), unit: '×' },
    { name: `tokens panel: usage view + JSON of ${label} messages`, value: round(encodeMs), unit: 'ms' },
  ]
}
