import { useEffect, useState } from 'react'
import { errorText } from '../../api/describeError'
import { useStores } from '../../stores/StoresContext'
import type { InsightProgress } from '../../../../shared/domains/insights/model'

export type JobLoad<T> =
  | { state: 'running'; jobId: string; progress: InsightProgress | null }
  | { state: 'done'; value: T }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' }

/**
 * One insights job with a job id of its own: its progress events, its answer or error, cancelled when no longer
 * wanted. It runs again whenever `start` or `runKey` changes; `start: null` runs nothing.
 */
export function useInsightJob<T>(
  start: ((jobId: string) => Promise<T>) | null,
  runKey: string,
): JobLoad<T> | null {
  const stores = useStores()
  const [load, setLoad] = useState<JobLoad<T> | null>(null)

  useEffect(() => {
    if (!start) {
      setLoad(null)
      return
    }
    // Unique across windows: web mode serves several tabs from one main process.
    const jobId = `insights-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
    let current = true
    setLoad({ state: 'running', jobId, progress: null })
    const off = stores.client.on('insights.progress', (progress) => {
      if (current && progress.jobId === jobId) setLoad({ state: 'running', jobId, progress })
    })
    start(jobId).then(
      (value) => current && setLoad({ state: 'done', value }),
      (error: unknown) => {
        if (!current) return
        const text = errorText(error)
        setLoad(/cancelled/.test(text) ? { state: 'cancelled' } : { state: 'failed', message: text })
      },
    )
    return () => {
      current = false
      off()
      void stores.client.call('insights.cancel', { jobId }).catch(() => undefined)
    }
  }, [stores, start, runKey])

  return load
}
