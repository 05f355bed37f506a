import { useEffect, useRef, type KeyboardEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'
import type { HomePage } from '../../stores/viewStore'
import { closeDocument } from './closeDocument'

function Tab({ id }: { id: string }) {
  const stores = useStores()
  const { documents } = stores
  const summary = useDocuments((state) => state.summaries[id])
  const active = useDocuments((state) => state.activeId === id)
  const ref = useRef<HTMLButtonElement>(null)
  // A tab opened or chosen off-screen (38 tabs…) comes into view.
  useEffect(() => {
    if (active) ref.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' })
  }, [active])
  if (!summary) return null
  const close = (): Promise<void> => closeDocument(stores, id)
  return (
    <li className={`tab ${active ? 'active' : ''} ${summary.status === 'error' ? 'tab-error' : ''}`}>
      <button
        ref={ref}
        type="button"
        className="tab-button"
        aria-current={active ? 'page' : undefined}
        aria-keyshortcuts="Delete"
        tabIndex={active ? 0 : -1}
        title={summary.path}
        onClick={() => documents.getState().activate(id)}
        onAuxClick={(event) => event.button === 1 && void close()}
        onKeyDown={(event) => {
          if (event.key === 'Delete') {
            event.preventDefault()
            void close()
          }
        }}
      >
        {summary.status === 'error' ? <span aria-hidden="true">✖ </span> : null}
        {summary.source === 'session' ? (
          <span className="tab-kind" aria-label="session:">
            ◆{' '}
          </span>
        ) : null}
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
        tabIndex={-1}
        aria-label={`Close ${summary.name}`}
        onClick={() => void close()}
      >
        ×
      </button>
    </li>
  )
}

function PageTab({ page, label }: { page: HomePage; label: string }) {
  const { documents, view } = useStores()
  const home = useDocuments((state) => state.activeId === null)
  const current = useView((state) => state.page)
  const active = home && current === page
  return (
    <li className={`tab home ${active ? 'active' : ''}`}>
      <button
        type="button"
        className="tab-button"
        tabIndex={active ? 0 : -1}
        aria-current={active ? 'page' : undefined}
        onClick={() => {
          view.getState().setPage(page)
          documents.getState().activate(null)
        }}
      >
        {label}
      </button>
    </li>
  )
}

/** ←/→, Home/End move the focus along the tab strip (roving focus), so the strip is one Tab stop. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.tab-button')]
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
  if (at < 0) return
  const next =
    event.key === 'ArrowRight'
      ? (at + 1) % buttons.length
      : event.key === 'ArrowLeft'
        ? (at - 1 + buttons.length) % buttons.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? buttons.length - 1
            : -1
  if (next < 0) return
  event.preventDefault()
  for (const button of buttons) button.tabIndex = -1
  buttons[next].tabIndex = 0
  buttons[next].focus()
}

/** The app's pages (files, sessions), then one tab per open document — files and sessions alike. */
export function DocumentTabs() {
  const { documents, view } = useStores()
  const order = useDocuments((state) => state.order)
  const files = useDocuments(
    (state) => state.order.filter((id) => state.summaries[id]?.source === 'file').length,
  )
  const dirtyId = useView((state) => state.confirmClose)
  const setDirtyId = view.getState().setConfirmClose
  const dirtyName = useDocuments((state) => (dirtyId ? state.summaries[dirtyId]?.name : undefined))
  return (
    <nav className="tabs" aria-label="Pages and open documents">
      {/* One Tab stop for the whole strip: arrows move between tabs, Delete closes the focused document. */}
      <ul onKeyDown={moveFocus}>
        <PageTab page="files" label={`Files${files > 0 ? ` (${files})` : ''}`} />
        <PageTab page="sessions" label="Sessions" />
        <PageTab page="usage" label="Usage" />
        <PageTab page="import" label="Import" />
        <PageTab page="compare" label="Compare" />
        <PageTab page="settings" label="Settings" />
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
