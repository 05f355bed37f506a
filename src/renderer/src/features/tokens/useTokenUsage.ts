import { useCallback, useEffect, useState } from 'react'
import type { TokenUsage } from '../../../../shared/domains/tokens/contract'
import { useStores } from '../../stores/StoresContext'
import { useDocumentResource, type Resource } from '../shared/useDocumentResource'

export interface CountProgress {
  done: number
  total: number
}

/** A document's token usage for a model, counted again (incrementally, in main) whenever the document changes. */
export function useTokenUsage(
  docId: string,
  model: string,
): Resource<TokenUsage> & { progress: CountProgress | null; cancel: () => void } {
  const { client } = useStores()
  const fetchUsage = useCallback((id: string) => client.call('tokens.usage', { id, model }), [client, model])
  const resource = useDocumentResource(docId, fetchUsage)
  const [progress, setProgress] = useState<CountProgress | null>(null)
  useEffect(
    () =>
      client.on('tokens.progress', (event) => {
        if (event.id === docId)
          setProgress(event.done < event.total ? { done: event.done, total: event.total } : null)
      }),
    [client, docId],
  )
  useEffect(() => {
    if (!resource.loading) setProgress(null)
  }, [resource.loading])
  const cancel = useCallback(() => void client.call('tokens.cancel', { id: docId }), [client, docId])
  return { ...resource, progress, cancel }
}
