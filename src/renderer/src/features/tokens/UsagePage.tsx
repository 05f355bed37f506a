import './tokenUsage.css'
import 'uplot/dist/uPlot.min.css'
import { useEffect, useId, useState } from 'react'
import type { OutputOf } from '../../../../shared/contract'
import type { UsageRow } from '../../../../shared/domains/tokens/contract'
import { errorText } from '../../api/describeError'
import { formatCount } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'
import { UsageOverTime } from './UsageOverTime'
import { ModelPicker, useChosenModel, useModelTable } from './useModels'
import { formatUsd } from './usageFigures'

type Overview = OutputOf<'tokens.overview'>

function UsageTable({
  title,
  rows,
  encoding,
  onOpen,
}: {
  title: string
  rows: UsageRow[]
  encoding: string
  onOpen: (row: UsageRow) => void
}) {
  const total = rows.reduce((sum, row) => sum + row.bpe, 0)
  const cost = rows.reduce((sum, row) => sum + row.cost, 0)
  return (
    <table>
      <caption>
        {title}: {formatCount(rows.length)}, {formatCount(total)} {encoding} tokens, {formatUsd(cost)}
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="number">
            Messages
          </th>
          <th scope="col" className="number">
            MARSYS tokens
          </th>
          <th scope="col" className="number">
            {encoding} tokens
          </th>
          <th scope="col" className="number">
            Cost as a prompt
          </th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              None.
            </td>
          </tr>
        )}
        {rows.map((row) => (
          <tr key={row.docId ?? row.sessionId ?? row.path ?? row.name}>
            <th scope="row">
              <button type="button" className="link" onClick={() => onOpen(row)}>
                {row.name}
              </button>
            </th>
            <td className="number">{formatCount(row.messages)}</td>
            <td className="number">{formatCount(row.marsys)}</td>
            <td className="number">{formatCount(row.bpe)}</td>
            <td className="number">{formatUsd(row.cost)}</td>
            <td>{row.updatedAt ? row.updatedAt.slice(0, 19).replace('T', ' ') : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Token usage across conversations: every open file and every session of the store, largest first. */
export function UsagePage() {
  const stores = useStores()
  const ids = useId()
  const { models } = useModelTable()
  const [model, setModel] = useChosenModel()
  const [overview, setOverview] = useState<Overview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let cancelled = false
    setError(null)
    stores.client.call('tokens.overview', { model }).then(
      (data) => !cancelled && setOverview(data),
      (failure: unknown) => !cancelled && setError(errorText(failure)),
    )
    return () => {
      cancelled = true
    }
  }, [stores, model, version])

  const open = (row: UsageRow): void => {
    const documents = stores.documents.getState()
    if (row.docId) documents.activate(row.docId)
    else if (row.sessionId) void documents.openSession(row.sessionId)
    else if (row.path) void documents.open([row.path])
  }
  const encoding = overview?.model.encoding ?? 'BPE'
  return (
    <main className="home-view usage-page" aria-labelledby={`${ids}-title`} aria-busy={!overview && !error}>
      <h1 id={`${ids}-title`}>Token usage</h1>
      <div className="tokens-controls">
        <ModelPicker id={`${ids}-model`} models={models} value={model} onChange={setModel} />
        <button type="button" onClick={() => setVersion((v) => v + 1)}>
          Refresh
        </button>
      </div>
      {error && <p role="alert">Could not total the conversations: {error}</p>}
      {!overview && !error && <p>Counting…</p>}
      {overview && (
        <>
          <UsageTable title="Open files" rows={overview.files} encoding={encoding} onOpen={open} />
          <UsageTable title="Store sessions" rows={overview.sessions} encoding={encoding} onOpen={open} />
          {overview.sessions.length > 0 && (
            <section aria-labelledby={`${ids}-time`}>
              <h2 id={`${ids}-time`}>Store sessions over time</h2>
              <UsageOverTime
                rows={overview.sessions}
                label={`${encoding} tokens of each store session by the time it was last updated`}
              />
            </section>
          )}
        </>
      )}
    </main>
  )
}
