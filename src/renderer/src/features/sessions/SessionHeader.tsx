import { useState } from 'react'
import { formatCount } from '../../lib/format'
import { StatusChip } from './chips'
import { DeleteSessionDialog } from './DeleteSessionDialog'
import { formatIso } from './format'
import { useSessions, useSessionsStore } from './SessionsProvider'

/** Back to the list, what this session is, and deleting it. */
export function SessionHeader() {
  const store = useSessionsStore()
  const id = useSessions((state) => state.open?.id ?? '')
  const metadata = useSessions((state) => state.open?.detail?.metadata ?? null)
  const count = useSessions((state) => state.open?.messages.total ?? state.open?.detail?.messageCount ?? null)
  const [confirming, setConfirming] = useState(false)
  return (
    <header className="doc-toolbar session-header">
      <button type="button" className="small" onClick={() => store.getState().closeSession()}>
        ← Sessions
      </button>
      <h2 title={id}>{id}</h2>
      {metadata ? <StatusChip status={metadata.status} /> : null}
      {count !== null ? (
        <span className="stat" data-testid="session-message-count">
          {formatCount(count)} message{count === 1 ? '' : 's'}
        </span>
      ) : null}
      {metadata ? (
        <span className="stat muted">
          created {formatIso(metadata.created_at)} · updated {formatIso(metadata.updated_at)}
        </span>
      ) : null}
      <span className="spacer" />
      <button
        type="button"
        className="small danger"
        disabled={metadata === null}
        onClick={() => setConfirming(true)}
      >
        Delete session…
      </button>
      <DeleteSessionDialog sessionId={id} open={confirming} onClose={() => setConfirming(false)} />
    </header>
  )
}
