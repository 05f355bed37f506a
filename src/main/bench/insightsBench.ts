import { createInsightHandlers } from '../api/insightHandlers'
import { InsightRunner } from '../engine/insights/insightRunner'
import { openGeneratedDocument } from './generatedDocument'
import { longestStall } from './tokensBench'
import type { BenchRow } from './types'

export interface InsightsBenchOptions {
  /** Messages in the generated file (default 50,000). */
  messages?: number
  /** The insights worker script (default: the built one next to the bench). */
  workerPath?: string
}

const TARGET_STALL_MS = 50
const round = (n: number): number => Math.round(n * 100) / 100

/**
 * Insights of a large file through the app's channels: how long each takes, and the main thread's longest stall
 * meanwhile (the analysis and entity extraction run in a worker; main only gathers the messages' text in slices).
 */
export async function runInsightsBench(opts: InsightsBenchOptions = {}): Promise<BenchRow[]> {
  const count = opts.messages ?? 50_000
  const { services, id, dispose } = await openGeneratedDocument('insights', count)
  try {
    const handlers = createInsightHandlers(services, new InsightRunner(opts.workerPath))
    const t0 = performance.now()
    const report = await longestStall(async () => handlers['insights.document']({ id }))
    const reportMs = performance.now() - t0
    const t1 = performance.now()
    const graph = await longestStall(async () => handlers['insights.graph']({ id }))
    const graphMs = performance.now() - t1
    const t2 = performance.now()
    const handoffs = await longestStall(async () => handlers['insights.handoffs']({ id }))
    const handoffsMs = performance.now() - t2
    const stall = (name: string, ms: number): BenchRow => ({
      name,
      value: round(ms),
      unit: 'ms',
      target: `≤ ${TARGET_STALL_MS} ms`,
      ok: ms <= TARGET_STALL_MS,
    })
    return [
      { name: `insights: report of ${count} messages`, value: round(reportMs), unit: 'ms' },
      stall('insights: main thread longest stall during the report', report.stallMs),
      { name: `insights: entities and graph of ${count} messages`, value: round(graphMs), unit: 'ms' },
      stall('insights: main thread longest stall during the graph', graph.stallMs),
      { name: `insights: hand-off view of ${count} messages`, value: round(handoffsMs), unit: 'ms' },
      stall('insights: main thread longest stall during the hand-off view', handoffs.stallMs),
      { name: 'insights: suggested actions', value: report.result.actions.length, unit: 'actions' },
      { name: 'insights: graph nodes', value: graph.result.graph.nodes.length, unit: 'nodes' },
      { name: 'insights: hand-offs', value: handoffs.result.analysis.handoffs.length, unit: 'hand-offs' },
    ]
  } finally {
    await dispose()
  }
}
