import { COMPARE_CHANNELS } from '../../shared/domains/compare/channels'
import type { ComparePhase } from '../../shared/domains/compare/model'
import { AppError } from '../engine/appError'
import { AlignRunner } from '../engine/compare/alignRunner'
import { compareSides } from '../engine/compare/compareSides'
import type { Comparison } from '../engine/compare/comparison'
import { resolveSide } from '../engine/compare/sides'
import { yieldToEventLoop } from '../engine/eventLoop'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type CompareHandlers = Pick<Handlers, (typeof COMPARE_CHANNELS)[number]>

/** Finished comparisons kept for their windows; the oldest is forgotten past this many. */
const MAX_KEPT = 16

/**
 * The compare channels (see src/shared/domains/compare): a comparison is computed once (`compare.start`, off the
 * main thread for large ones, with progress and cancel) and kept in main; the renderer reads windows of its rows.
 */
export function createCompareHandlers(
  { documents, bus }: Services,
  runner: AlignRunner = new AlignRunner(),
): CompareHandlers {
  const results = new Map<string, Comparison>()
  const jobs = new Map<string, AbortController>()
  let nextId = 1

  const comparison = (compareId: string): Comparison => {
    const found = results.get(compareId)
    if (!found)
      throw new AppError('NOT_FOUND', `No comparison ${compareId} (closed or too old): compare again.`)
    return found
  }

  return {
    'compare.start': async ({ left, right, jobId }) => {
      if (jobId !== undefined && jobs.has(jobId))
        throw new AppError('CONFLICT', `A comparison "${jobId}" is already running.`)
      const controller = new AbortController()
      if (jobId !== undefined) jobs.set(jobId, controller)
      const progress = (phase: ComparePhase, done: number, total: number): void => {
        if (jobId !== undefined) bus.emit('compare.progress', { jobId, phase, done, total })
      }
      try {
        const leftSide = await resolveSide(documents, left, yieldToEventLoop)
        const rightSide = await resolveSide(documents, right, yieldToEventLoop)
        const result = await compareSides(`compare-${nextId++}`, leftSide, rightSide, runner, {
          signal: controller.signal,
          progress,
        })
        results.set(result.id, result)
        for (const id of results.keys()) if (results.size > MAX_KEPT) results.delete(id)
        return result.summary()
      } finally {
        if (jobId !== undefined) jobs.delete(jobId)
      }
    },
    'compare.rows': ({ compareId, offset, limit, changesOnly }) =>
      comparison(compareId).window(offset, limit, changesOnly),
    'compare.step': ({ compareId, from, direction }) => comparison(compareId).step(from, direction),
    'compare.cancel': ({ jobId }) => {
      const controller = jobs.get(jobId)
      controller?.abort()
      return { cancelled: controller !== undefined }
    },
    'compare.close': ({ compareId }) => ({ closed: results.delete(compareId) }),
  }
}
