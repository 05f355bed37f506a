import { useEffect } from 'react'
import { detailKey, type DetailEntry, type MessageRef } from '../../stores/messagesStore'
import { useMessages, useStores } from '../../stores/StoresContext'

/** One message's detail, fetched from main when the component showing it mounts (i.e. when it is visible). */
export function useMessageDetail(docId: string, ref: MessageRef | null): DetailEntry | undefined {
  const { messages } = useStores()
  const index = ref?.index ?? -1
  const messageId = ref?.messageId
  const key = ref === null ? '' : detailKey(docId, ref)
  const entry = useMessages((state) => (key ? state.details[key] : undefined))
  const needed = key !== '' && (!entry || !entry.fresh)
  useEffect(() => {
    if (needed) messages.getState().load(docId, messageId === undefined ? { index } : { index, messageId })
  }, [needed, docId, index, messageId, messages])
  return entry
}
