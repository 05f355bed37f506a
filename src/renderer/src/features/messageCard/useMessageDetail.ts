import { useEffect } from 'react'
import { detailKey, type DetailEntry } from '../../stores/messagesStore'
import { useMessages, useStores } from '../../stores/StoresContext'

/** One message's detail, fetched from main when the component showing it mounts (i.e. when it is visible). */
export function useMessageDetail(docId: string, index: number | null): DetailEntry | undefined {
  const { messages } = useStores()
  const key = index === null ? '' : detailKey(docId, index)
  const entry = useMessages((state) => (key ? state.details[key] : undefined))
  const needed = index !== null && (!entry || !entry.fresh)
  useEffect(() => {
    if (needed && index !== null) messages.getState().load(docId, index)
  }, [needed, docId, index, messages])
  return entry
}
