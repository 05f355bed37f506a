import { useCallback } from 'react'
import { useDocuments, useStores } from '../../stores/StoresContext'
import type { DocumentGraph } from '../../../../shared/domains/insights/model'
import { useInsightJob, type JobLoad } from './useInsightJob'

export type GraphLoad = JobLoad<DocumentGraph>

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
  const start = useCallback(
    (jobId: string) => stores.client.call('insights.graph', { id: docId, jobId, entities }),
    [stores, docId, entities],
  )
  return useInsightJob(active ? start : null, `${changes}:${attempt}`)
}
