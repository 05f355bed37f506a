import { useEffect, useState } from 'react'
import { errorText } from '../../api/describeError'
import { useDocuments, useStores } from '../../stores/StoresContext'
import type { DocumentGraph, InsightProgress } from '../../../../shared/domains/insights/model'

export type GraphLoad =
  | { state: 'running'; jobId: string; progress: InsightProgress | null }
  | { state: 'done'; graph: DocumentGraph }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' }

/**
 * One `insights.graph` job for the document (offline, or with the LLM's entities added), run while `active`,
 * again after every change of the document and on `attempt`; cancelled when it is no longer wanted.
 */
export function useGraphJob(
  docId: string,
  entities: 'offline' | 'llm',
  active: boolean,
  attempt: number,
): GraphLoad | null {
  const stores = useStores()
  const changes = useDocuments((state) => state.changes[docId] ?? 0)
  const [load, setLoad] = useState<GraphLoad | null>(null)

  useEffect(() => {
    if (!active) {
      setLoad(null)
      return
    }
    // Unique across windows: web mode serves several tabs from one main process.
    const jobId = `graph-${entities}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
    let current = true
    setLoad({ state: 'running', jobId, progress: null })
    const off = stores.client.on('insights.progress', (progress) => {
      if (current && progress.jobId === jobId) setLoad({ state: 'running', jobId, progress })
    })
    stores.client.call('insights.graph', { id: docId, jobId, entities }).then(
      (graph) => current && setLoad({ state: 'done', graph }),
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
  }, [stores, docId, changes, entities, active, attempt])

  return load
}
