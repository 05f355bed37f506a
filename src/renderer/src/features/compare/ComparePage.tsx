import './compare.css'
import { useEffect, useState } from 'react'
import { useStore } from 'zustand'
import type { CompareSide } from '../../../../shared/domains/compare/model'
import type { SessionInfo } from '../../../../shared/model/session'
import { ProgressBar } from '../../components/ProgressBar'
import { useStores } from '../../stores/StoresContext'
import { compareStoreOf } from './compareStore'
import { CompareView } from './CompareView'
import { SidePicker, type Pick } from './SidePicker'
import { progressText, sidesKey, useComparison } from './useComparison'

/** Changes that leave the compared messages as they were: the comparison stays valid. */
const KEEPS_MESSAGES = new Set(['indexed', 'disk'])

/** Whether a compared document changed since `runKey`'s comparison started. */
function useStale(left: CompareSide | null, right: CompareSide | null, runKey: string | null): boolean {
  const { client } = useStores()
  const [stale, setStale] = useState(false)
  useEffect(() => {
    setStale(false)
    const ids = new Set([left?.id, right?.id])
    return client.on('document.changed', (change) => {
      if (ids.has(change.id) && !KEEPS_MESSAGES.has(change.reason)) setStale(true)
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, runKey])
  return stale
}

/** Sessions offered in the pickers (newest first). */
const SESSIONS_LISTED = 200

/**
 * The Compare page: pick two conversations (open documents, a file's saved version, store sessions) and see them
 * side by side. A document's toolbar can pick both and start it ("Compare with saved", "Compare with…").
 */
export function ComparePage() {
  const stores = useStores()
  const { client } = stores
  const store = compareStoreOf(stores)
  const left = useStore(store, (state) => state.left)
  const right = useStore(store, (state) => state.right)
  const request = useStore(store, (state) => state.request)
  const [pickedLeft, setPickedLeft] = useState<Pick | null>(left)
  const [pickedRight, setPickedRight] = useState<Pick | null>(right)
  const [sessions, setSessions] = useState<SessionInfo[]>([])
  const [runKey, setRunKey] = useState<string | null>(null)
  const [opening, setOpening] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    client.call('session.list', { limit: SESSIONS_LISTED, offset: 0 }).then(
      (page) => live && setSessions(page.sessions),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [client])

  // A toolbar asked for a comparison: show its sides and run it.
  useEffect(() => {
    const state = store.getState()
    setPickedLeft(state.left)
    setPickedRight(state.right)
    if (request > 0) setRunKey(`${request}:${sidesKey(state.left, state.right)}`)
  }, [store, request])

  const { state, cancel } = useComparison(left, right, runKey)
  const stale = useStale(left, right, runKey)

  const resolve = async (pick: Pick): Promise<CompareSide> => {
    if (pick.kind !== 'session') return pick
    const summary = await client.call('session.open', { id: pick.sessionId })
    return { kind: 'document', id: summary.id }
  }

  const start = async (): Promise<void> => {
    if (!pickedLeft || !pickedRight) return
    setOpening(null)
    try {
      const [a, b] = await Promise.all([resolve(pickedLeft), resolve(pickedRight)])
      setPickedLeft(a)
      setPickedRight(b)
      store.getState().compare(a, b)
    } catch (error) {
      setOpening(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <main className="compare-page" aria-labelledby="compare-title">
      <h1 id="compare-title" className="visually-hidden">
        Compare
      </h1>
      <form
        className="compare-pickers"
        aria-label="Conversations to compare"
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <SidePicker label="Left" value={pickedLeft} sessions={sessions} onChange={setPickedLeft} />
        <button
          type="button"
          className="icon"
          aria-label="Swap sides"
          title="Swap sides"
          onClick={() => {
            setPickedLeft(pickedRight)
            setPickedRight(pickedLeft)
          }}
        >
          ⇄
        </button>
        <SidePicker label="Right" value={pickedRight} sessions={sessions} onChange={setPickedRight} />
        <button type="submit" className="primary" disabled={!pickedLeft || !pickedRight}>
          Compare
        </button>
        {state.status === 'running' ? (
          <>
            <span className="muted">{progressText(state.progress)}</span>
            {state.progress ? (
              <ProgressBar label="Comparing" value={state.progress.done} max={state.progress.total} />
            ) : null}
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </>
        ) : null}
      </form>
      {opening ? <p className="severity-error">Could not open the session: {opening}</p> : null}
      {state.status === 'error' ? <p className="severity-error">Could not compare: {state.message}</p> : null}
      {state.status === 'idle' ? (
        <p className="muted compare-help">
          Pick two conversations — open documents, the saved version of an edited file, or sessions of the
          store — and press Compare. F7 and Shift+F7 (or N and P) step through the changes.
        </p>
      ) : null}
      {state.status === 'done' && stale ? (
        <p className="compare-stale" role="status">
          A compared document changed since it was compared.{' '}
          <button type="button" onClick={() => left && right && store.getState().compare(left, right)}>
            Compare again
          </button>
        </p>
      ) : null}
      {state.status === 'done' ? <CompareView summary={state.summary} /> : null}
    </main>
  )
}
