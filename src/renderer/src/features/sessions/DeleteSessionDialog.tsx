import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { useStores } from '../../stores/StoresContext'

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
  const store = useStores().sessions
  const [busy, setBusy] = useState(false)
  const remove = async (): Promise<void> => {
    setBusy(true)
    // Success closes the session's tab (and this dialog with it); a failure shows in the Session panel.
    const deleted = await store.getState().deleteSession(sessionId)
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
