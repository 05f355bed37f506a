import './sessions.css'
import { useEffect, useState } from 'react'
import { formatCount } from '../../lib/format'
import { useSessions, useStores } from '../../stores/StoresContext'
import { StatusChip } from './chips'
import { DeleteSessionDialog } from './DeleteSessionDialog'
import { formatIso } from './sessionFormat'
import { MetadataForm } from './MetadataForm'
import { StoreLockBanner } from './StoreLockBanner'
import { SummaryPanel } from './SummaryPanel'

/**
 * The side panel of a session open as a document: what the store keeps beside its messages — metadata (edited
 * as undoable edits of the document), the summary ("Summarize now") — and deleting the session.
 */
export function SessionPanel({ docId, sessionId }: { docId: string; sessionId: string }) {
  const { sessions } = useStores()
  const entry = useSessions((state) => state.info[sessionId])
  const lock = useSessions((state) => state.lock)
  const [confirmDelete, setConfirmDelete] = useState(false)

  useEffect(() => {
    void sessions.getState().loadInfo(sessionId)
  }, [sessions, sessionId])

  const metadata = entry?.detail?.metadata
  return (
    <div className="session-side" aria-busy={!entry?.detail && !entry?.error}>
      {lock ? <StoreLockBanner lock={lock} /> : null}
      {entry?.gone ? (
        <p role="alert" className="render-error">
          This session is no longer in the store (deleted elsewhere).
        </p>
      ) : null}
      {entry?.error ? (
        <p role="alert" className="render-error">
          Could not read the session: {entry.error}{' '}
          <button
            type="button"
            className="small"
            onClick={() => void sessions.getState().loadInfo(sessionId)}
          >
            Try again
          </button>
        </p>
      ) : null}
      {metadata ? (
        <section className="session-panel" aria-label="Session">
          <p>
            <code>{sessionId}</code> <StatusChip status={metadata.status} />
          </p>
          <p className="muted">
            {formatCount(entry?.detail?.messageCount ?? 0)} messages · created{' '}
            {formatIso(metadata.created_at)} · updated {formatIso(metadata.updated_at)}
          </p>
          <p className="muted">Every edit is saved to the store at once; Undo takes it back.</p>
          <button type="button" className="small danger" onClick={() => setConfirmDelete(true)}>
            Delete session…
          </button>
        </section>
      ) : null}
      <MetadataForm docId={docId} sessionId={sessionId} />
      <SummaryPanel sessionId={sessionId} />
      <DeleteSessionDialog
        sessionId={sessionId}
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
      />
    </div>
  )
}
