import { Dialog } from '../../components/Dialog'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'
import { closeDocument } from './closeDocument'

function Tab({ id }: { id: string }) {
  const stores = useStores()
  const { documents } = stores
  const summary = useDocuments((state) => state.summaries[id])
  const active = useDocuments((state) => state.activeId === id)
  if (!summary) return null
  const close = (): Promise<void> => closeDocument(stores, id)
  return (
    <li className={`tab ${active ? 'active' : ''} ${summary.status === 'error' ? 'tab-error' : ''}`}>
      <button
        type="button"
        className="tab-button"
        aria-current={active ? 'page' : undefined}
        title={summary.path}
        onClick={() => documents.getState().activate(id)}
        onAuxClick={(event) => event.button === 1 && void close()}
      >
        {summary.status === 'error' ? <span aria-hidden="true">✖ </span> : null}
        {summary.name}
        {summary.dirty ? (
          <span className="dirty" aria-label="(modified)">
            {' '}
            ●
          </span>
        ) : null}
        {summary.indexing ? (
          <span className="muted" aria-label="(indexing)">
            {' '}
            ↻
          </span>
        ) : null}
      </button>
      <button
        type="button"
        className="icon tab-close"
        aria-label={`Close ${summary.name}`}
        onClick={() => void close()}
      >
        ×
      </button>
    </li>
  )
}

/** One tab per open document after the Documents (welcome) tab. */
export function DocumentTabs() {
  const { documents, view } = useStores()
  const order = useDocuments((state) => state.order)
  const homeActive = useDocuments((state) => state.activeId === null)
  const dirtyId = useView((state) => state.confirmClose)
  const setDirtyId = view.getState().setConfirmClose
  const dirtyName = useDocuments((state) => (dirtyId ? state.summaries[dirtyId]?.name : undefined))
  return (
    <nav className="tabs" aria-label="Open documents">
      <ul>
        <li className={`tab home ${homeActive ? 'active' : ''}`}>
          <button
            type="button"
            className="tab-button"
            aria-current={homeActive ? 'page' : undefined}
            onClick={() => documents.getState().activate(null)}
          >
            Documents{order.length > 0 ? ` (${order.length})` : ''}
          </button>
        </li>
        {order.map((id) => (
          <Tab key={id} id={id} />
        ))}
      </ul>
      <Dialog title="Unsaved edits" open={dirtyId !== null} onClose={() => setDirtyId(null)}>
        <p>{dirtyName} has edits that are not saved. Close it and drop them?</p>
        <div className="dialog-actions">
          <button type="button" onClick={() => setDirtyId(null)}>
            Keep it open
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (dirtyId) void documents.getState().close(dirtyId, true)
              setDirtyId(null)
            }}
          >
            Discard edits and close
          </button>
        </div>
      </Dialog>
    </nav>
  )
}
