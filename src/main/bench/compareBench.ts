import { createCompareHandlers } from '../api/compareHandlers'
import { AlignRunner } from '../engine/compare/alignRunner'
import { openGeneratedDocument } from './generatedDocument'
import { longestStall } from './tokensBench'
import type { BenchRow } from './types'

export interface CompareBenchOptions {
  /** Messages in the generated file (default 100,000). */
  messages?: number
  /** The compare worker script (default: the built one next to the bench). */
  workerPath?: string
}

const TARGET_STALL_MS = 50
const round = (n: number): number => Math.round(n * 100) / 100

/**
 * "Compare with saved" on a large file with a few edits, through the app's channels: how long the comparison and a
 * window of rows take, and the main thread's longest stall meanwhile (main reads messages in slices; the matching
 * runs in a worker).
 */
export async function runCompareBench(opts: CompareBenchOptions = {}): Promise<BenchRow[]> {
  const count = opts.messages ?? 100_000
  const { services, id, dispose } = await openGeneratedDocument('compare', count)
  try {
    const revision = services.documents.get(id).revision
    await services.documents.edit(id, revision, [
      { op: 'setContentText', index: 1, text: 'edited near the start' },
      { op: 'delete', indices: [Math.floor(count / 2)] },
      { op: 'setContentText', index: count - 3, text: 'edited near the end' },
    ])
    const handlers = createCompareHandlers(services, new AlignRunner(opts.workerPath))
    const t0 = performance.now()
    const compared = await longestStall(async () =>
      handlers['compare.start']({
        left: { kind: 'saved', id },
        right: { kind: 'document', id },
      }),
    )
    const compareMs = performance.now() - t0
    const t1 = performance.now()
    handlers['compare.rows']({ compareId: compared.result.compareId, offset: 0, limit: 100 })
    const windowMs = performance.now() - t1
    return [
      { name: `compare: ${count} messages with their saved version`, value: round(compareMs), unit: 'ms' },
      {
        name: 'compare: main thread longest stall during it',
        value: round(compared.stallMs),
        unit: 'ms',
        target: `≤ ${TARGET_STALL_MS} ms`,
        ok: compared.stallMs <= TARGET_STALL_MS,
      },
      { name: 'compare: a window of 100 rows', value: round(windowMs), unit: 'ms' },
      { name: 'compare: changes found', value: compared.result.changes, unit: 'rows' },
    ]
  } finally {
    await dispose()
  }
}
