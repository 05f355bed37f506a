import { formatCount } from '../../lib/format'
import { useSessions, useSessionsStore } from './SessionsProvider'

function SelectionActions() {
  const store = useSessionsStore()
  const count = useSessions((state) => state.open?.selected.length ?? 0)
  if (count === 0) return null
  return (
    <div className="selection-actions" role="group" aria-label="Selected messages">
      <span className="stat">{formatCount(count)} selected</span>
      <button type="button" className="small danger" onClick={() => void store.getState().deleteSelected()}>
        Delete selected
      </button>
      <button type="button" className="small" onClick={() => void store.getState().moveSelected('up')}>
        Move selected up
      </button>
      <button type="button" className="small" onClick={() => void store.getState().moveSelected('down')}>
        Move selected down
      </button>
      <button type="button" className="small" onClick={() => store.getState().clearSelection()}>
        Clear selection
      </button>
    </div>
  )
}

function Notice() {
  const store = useSessionsStore()
  const notice = useSessions((state) => state.open?.notice ?? null)
  if (!notice) return null
  return (
    <div role="alert" className={`session-notice severity-${notice.level}`}>
      <span>{notice.message}</span>
      <button
        type="button"
        className="icon"
        aria-label="Dismiss"
        onClick={() => store.getState().dismissNotice()}
      >
        ✕
      </button>
    </div>
  )
}

/** Undo/redo (their labels as tooltips), what is selected and what to do with it, and what went wrong. */
export function SessionEditBar() {
  const store = useSessionsStore()
  const state = useSessions((s) => s.open?.editState ?? null)
  const busy = useSessions((s) => (s.open?.pending ?? 0) > 0)
  return (
    <>
      <div className="edit-bar" role="toolbar" aria-label="Session editing" aria-busy={busy}>
        <button
          type="button"
          className="small"
          disabled={!state?.canUndo}
          title={state?.undoLabel ? `Undo: ${state.undoLabel} (Ctrl/Cmd+Z)` : 'Nothing to undo'}
          aria-keyshortcuts="Control+Z Meta+Z"
          onClick={() => void store.getState().undo()}
        >
          <span aria-hidden="true">↶</span> Undo
        </button>
        <button
          type="button"
          className="small"
          disabled={!state?.canRedo}
          title={state?.redoLabel ? `Redo: ${state.redoLabel} (Shift+Ctrl/Cmd+Z)` : 'Nothing to redo'}
          aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z"
          onClick={() => void store.getState().redo()}
        >
          <span aria-hidden="true">↷</span> Redo
        </button>
        <span className="muted edit-status">Every edit is saved to the store at once.</span>
        <span className="spacer" />
        <SelectionActions />
      </div>
      <Notice />
    </>
  )
}
