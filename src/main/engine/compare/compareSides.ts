import type { ComparePhase } from '../../../shared/domains/compare/model'
import { yieldToEventLoop } from '../eventLoop'
import { compareCancelledError, type AlignRunner } from './alignRunner'
import { Comparison } from './comparison'
import { Interner, SideFingerprints } from './fingerprints'
import type { ComparedSide } from './sides'

/** How long main reads messages at one go before letting other work in. */
const SLICE_MS = 8

export interface CompareOptions {
  signal?: AbortSignal
  progress?: (phase: ComparePhase, done: number, total: number) => void
}

/**
 * Compares two sides: main reads each message once, in time slices, and keeps only numbers (see fingerprints.ts);
 * the matching itself runs in a worker. The result keeps the sides to read the rows a window asks for.
 */
export async function compareSides(
  compareId: string,
  left: ComparedSide,
  right: ComparedSide,
  runner: AlignRunner,
  { signal, progress = () => undefined }: CompareOptions = {},
): Promise<Comparison> {
  const interner = new Interner()
  const total = left.count + right.count
  let done = 0
  let sliceStart = performance.now()
  const read = async (side: ComparedSide): Promise<SideFingerprints> => {
    const fingerprints = new SideFingerprints(side.count, interner)
    for (let i = 0; i < side.count; i++) {
      fingerprints.add(i, side.plain(i))
      done++
      if (performance.now() - sliceStart > SLICE_MS) {
        progress('reading', done, total)
        await yieldToEventLoop()
        if (signal?.aborted) throw compareCancelledError()
        sliceStart = performance.now()
      }
    }
    return fingerprints
  }
  const leftPrints = await read(left)
  const rightPrints = await read(right)
  // Edited while read: the positions read no longer describe one version.
  left.checkUnchanged()
  right.checkUnchanged()
  progress('matching', 0, 1)
  const rows = await runner.align(leftPrints.result(), rightPrints.result(), signal)
  progress('matching', 1, 1)
  return new Comparison(compareId, left, right, rows)
}
