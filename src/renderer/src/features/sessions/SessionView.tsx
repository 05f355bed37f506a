import { useEffect, useRef, type KeyboardEvent } from 'react'
import { StoreLockBanner } from './StoreLockBanner'
import { MetadataForm } from './MetadataForm'
import { SessionEditBar } from './SessionEditBar'
import { SessionHeader } from './SessionHeader'
import { SessionMessages } from './SessionMessages'
import { useSessions, useSessionsStore } from './SessionsProvider'
import { sessionShortcut } from './sessionKeys'
import { SummaryPanel } from './SummaryPanel'
import { useSessionMenuCommands } from './useSessionMenuCommands'

function Problem() {
  const store = useSessionsStore()
  const gone = useSessions((state) => state.open?.gone ?? false)
  const error = useSessions((state) => state.open?.error ?? null)
  if (gone)
    return (
      <div role="alert" className="render-error">
        This session is no longer in the store (deleted elsewhere).
        <button type="button" className="small" onClick={() => store.getState().closeSession()}>
          Back to the sessions
        </button>
      </div>
    )
  if (error)
    return (
      <div role="alert" className="render-error">
        Could not read the session: {error}
        <button type="button" className="small" onClick={() => void store.getState().refreshOpen()}>
          Try again
        </button>
      </div>
    )
  return null
}

/** One stored session: its messages (paged from main), its metadata and summary, and its edits with undo. */
export function SessionView() {
  const store = useSessionsStore()
  const id = useSessions((state) => state.open?.id ?? '')
  const lock = useSessions((state) => state.lock)
  const hasDetail = useSessions((state) => state.open?.detail != null)
  const ref = useRef<HTMLElement>(null)
  useSessionMenuCommands(ref)

  // The link that opened the session is gone: land in the view, so its keys work at once.
  useEffect(() => ref.current?.focus(), [])

  // Attached here, not globally: these keys mean "undo the session edit" only while the session has focus.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const action = sessionShortcut(event.nativeEvent)
    if (!action) return
    event.preventDefault()
    event.stopPropagation()
    void (action === 'undo' ? store.getState().undo() : store.getState().redo())
  }

  return (
    <main
      ref={ref}
      className="session-view"
      aria-label={`Session ${id}`}
      aria-busy={!hasDetail}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <SessionHeader />
      {lock ? <StoreLockBanner lock={lock} /> : null}
      <Problem />
      {hasDetail ? (
        <>
          <SessionEditBar />
          <div className="session-body">
            <SessionMessages />
            <aside className="session-side" aria-label="Session details">
              <MetadataForm />
              <SummaryPanel />
            </aside>
          </div>
        </>
      ) : null}
    </main>
  )
}
