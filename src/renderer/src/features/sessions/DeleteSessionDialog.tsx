import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { useSessionsStore } from './SessionsProvider'

/** Deleting a session cannot be undone: ask first. */
export function DeleteSessionDialog({
  sessionId,
  open,
  onClose,
}: {
  sessionId: string
  open: boolean
  onClose(): void
}) {
  const store = useSessionsStore()
  const [busy, setBusy] = useState(false)
  const remove = async (): Promise<void> => {
    setBusy(true)
    // Success leaves the session view (and this dialog) behind; a failure shows in the view's notice.
    const deleted = await store.getState().deleteOpen()
    setBusy(false)
    if (!deleted) onClose()
  }
  return (
    <Dialog title="Delete session" open={open} onClose={onClose}>
      <p>
        Delete session <code>{sessionId}</code> and all its messages from the store? This cannot be undone.
      </p>
      <div className="editor-actions">
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          Delete session
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  )
}
