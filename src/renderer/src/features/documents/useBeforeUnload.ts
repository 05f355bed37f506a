import { useEffect } from 'react'
import { useDocuments, useStores } from '../../stores/StoresContext'

/**
 * Web mode: the browser asks before a reload or closing the tab while any document has unsaved edits. Electron
 * asks in main instead (a `beforeunload` that cancels would silently keep its window open).
 */
export function useBeforeUnload(): void {
  const { client } = useStores()
  const anyDirty = useDocuments((state) => Object.values(state.summaries).some((summary) => summary.dirty))
  useEffect(() => {
    if (client.door === 'electron' || !anyDirty) return
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      event.preventDefault()
      // Older browsers ask only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [client, anyDirty])
}
