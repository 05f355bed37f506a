import { useCallback, useEffect, useRef, useState } from 'react'
import type { EventPayloads } from '../../../../shared/contract'
import { useStores } from '../../stores/StoresContext'

export type JobProgress = EventPayloads['summary.progress']

let counter = 0
const newJobId = (): string => `job-${Date.now().toString(36)}-${(counter++).toString(36)}`

/**
 * One long summary/compaction call at a time: `start` gives the job id to send, `progress` follows its
 * `summary.progress` events, `cancel` asks main to stop it. A job still running when the component goes away is
 * cancelled.
 */
export function useJob() {
  const { client } = useStores()
  const [jobId, setJobId] = useState<string | null>(null)
  const [progress, setProgress] = useState<JobProgress | null>(null)
  const current = useRef<string | null>(null)

  useEffect(
    () =>
      client.on('summary.progress', (payload) => {
        if (payload.jobId === current.current) setProgress(payload)
      }),
    [client],
  )
  useEffect(
    () => () => {
      if (current.current)
        void client.call('summary.cancel', { jobId: current.current }).catch(() => undefined)
    },
    [client],
  )

  const run = useCallback(async <T>(work: (jobId: string) => Promise<T>): Promise<T> => {
    const id = newJobId()
    current.current = id
    setJobId(id)
    setProgress(null)
    try {
      return await work(id)
    } finally {
      current.current = null
      setJobId(null)
      setProgress(null)
    }
  }, [])

  const cancel = useCallback(() => {
    if (current.current) void client.call('summary.cancel', { jobId: current.current }).catch(() => undefined)
  }, [client])

  return { running: jobId !== null, progress, run, cancel }
}

/** "Stage summarization…", "Waiting for the LLM…", "Receiving 1.2 kB…". */
export function progressText(progress: JobProgress | null): string {
  if (!progress) return 'Working…'
  switch (progress.phase) {
    case 'stage':
      return `Stage ${progress.stage ?? ''}…`
    case 'sending':
      return 'Waiting for the LLM…'
    case 'receiving':
      return `Receiving the reply (${progress.bytes ?? 0} bytes)…`
    case 'done':
      return 'Done'
  }
}
