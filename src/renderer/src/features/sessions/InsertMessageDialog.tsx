import { Dialog } from '../../components/Dialog'
import { MessageEditor } from './MessageEditor'
import { useSessionsStore } from './SessionsProvider'

/** A new message at position `index` (null: closed). */
export function InsertMessageDialog({
  index,
  onClose,
  onInserted,
}: {
  index: number | null
  onClose(): void
  onInserted(index: number): void
}) {
  const store = useSessionsStore()
  if (index === null) return null
  const insert = async (role: string, content: string): Promise<string | null> => {
    const outcome = await store.getState().edit([{ op: 'insertMessage', index, role, content }])
    if (!outcome.ok) return outcome.message
    onClose()
    onInserted(index)
    return null
  }
  return (
    <Dialog title={`Insert message at #${index}`} open onClose={onClose}>
      <MessageEditor
        role="user"
        content=""
        label="New message"
        applyLabel="Insert"
        onApply={insert}
        onCancel={onClose}
      />
    </Dialog>
  )
}
