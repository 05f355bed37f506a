import { useCallback, useEffect, useRef, useState } from 'react'
import type { CompareSide, CompareSummary } from '../../../../shared/domains/compare/model'
import type { EventPayloads } from '../../../../shared/contract'
import { useStores } from '../../stores/StoresContext'

export type CompareProgress = EventPayloads['compare.progress']

export type ComparisonState =
  | { status: 'idle' }
  | { status: 'running'; progress: CompareProgress | null }
  | { status: 'done'; summary: CompareSummary }
  | { status: 'error'; message: string }

let counter = 0
const newJobId = (): string => `compare-${Date.now().toString(36)}-${(counter++).toString(36)}`

/**
 * Compares `left` with `right` whenever `runKey` changes (null: nothing to compare): follows the job's progress,
 * cancels it when superseded or unmounted, and closes the result in main when it is no longer shown.
 */
export function useComparison(left: CompareSide | null, right: CompareSide | null, runKey: string | null) {
  const { client } = useStores()
  const [state, setState] = useState<ComparisonState>({ status: 'idle' })
  const job = useRef<string | null>(null)

  useEffect(
    () =>
      client.on('compare.progress', (progress) => {
        // Events may arrive after the answer: they never turn a finished comparison back into a running one.
        if (progress.jobId === job.current)
          setState((state) => (state.status === 'running' ? { status: 'running', progress } : state))
      }),
    [client],
  )

  useEffect(() => {
    if (!left || !right || runKey === null) {
      setState({ status: 'idle' })
      return
    }
    const jobId = newJobId()
    job.current = jobId
    let compareId: string | null = null
    let live = true
    setState({ status: 'running', progress: null })
    client.call('compare.start', { left, right, jobId }).then(
      (summary) => {
        compareId = summary.compareId
        if (job.current === jobId) job.current = null
        if (live) setState({ status: 'done', summary })
        else void client.call('compare.close', { compareId }).catch(() => undefined)
      },
      (error: unknown) => {
        if (job.current === jobId) job.current = null
        if (live)
          setState({ status: 'error', message: error instanceof Error ? error.message : String(error) })
      },
    )
    return () => {
      live = false
      if (job.current === jobId) job.current = null
      void client.call('compare.cancel', { jobId }).catch(() => undefined)
      if (compareId) void client.call('compare.close', { compareId }).catch(() => undefined)
    }
    // The sides are compared by value through runKey; their object identity does not matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, runKey])

  const cancel = useCallback(() => {
    const jobId = job.current
    if (jobId) void client.call('compare.cancel', { jobId }).catch(() => undefined)
  }, [client])

  return { state, cancel }
}

/** A stable key for a pair of sides. */
export const sidesKey = (left: CompareSide | null, right: CompareSide | null): string | null =>
  left && right ? `${left.kind}:${left.id}|${right.kind}:${right.id}` : null

/** "3 added, 2 removed, 5 changed, 90 same". */
export const summaryText = (summary: CompareSummary): string =>
  `${summary.added} added, ${summary.removed} removed, ${summary.changed} changed, ${summary.same} same`

/** "Reading messages 1,200 of 40,000…", "Matching messages…". */
export function progressText(progress: CompareProgress | null): string {
  if (!progress) return 'Comparing…'
  return progress.phase === 'reading'
    ? `Reading messages ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}…`
    : 'Matching messages…'
}
