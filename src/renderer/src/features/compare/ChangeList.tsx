import { useEffect, useState } from 'react'
import type { CompareSummary, CompareWindow } from '../../../../shared/domains/compare/model'
import { useStores } from '../../stores/StoresContext'
import { DiffLines } from './DiffLines'
import { rowLabel } from './rowLabel'
import { summaryText } from './useComparison'

/** Changes shown per page: each carries its JSON diff. */
const PAGE = 10

/** The messages that differ, a page at a time, each with its JSON diff (one column): for dialogs. */
export function ChangeList({ summary }: { summary: CompareSummary }) {
  const { client } = useStores()
  const [offset, setOffset] = useState(0)
  const [window, setWindow] = useState<CompareWindow | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    setError(null)
    client
      .call('compare.rows', { compareId: summary.compareId, offset, limit: PAGE, changesOnly: true })
      .then(
        (result) => live && setWindow(result),
        (reason: unknown) => live && setError(reason instanceof Error ? reason.message : String(reason)),
      )
    return () => {
      live = false
    }
  }, [client, summary.compareId, offset])

  const total = summary.changes
  return (
    <section className="change-list" aria-label="Differences">
      <p className="change-summary">
        <strong>{summaryText(summary)}</strong>{' '}
        <span className="muted">
          ({summary.left.label} → {summary.right.label})
        </span>
      </p>
      {total === 0 ? <p className="muted">The messages are the same.</p> : null}
      {error ? <p className="severity-error">{error}</p> : null}
      <ol className="change-items">
        {window?.rows.map((row) => (
          <li key={row.row} className={`change-item change-${row.kind}`}>
            <h3 className="change-title">{rowLabel(row)}</h3>
            {row.lines ? <DiffLines lines={row.lines} layout="unified" /> : null}
            {row.truncated ? <p className="muted">Very large message: the rest is not shown.</p> : null}
          </li>
        ))}
      </ol>
      {total > PAGE ? (
        <div className="change-pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous changes
          </button>
          <span className="muted">
            Changes {offset + 1}–{Math.min(total, offset + PAGE)} of {total}
          </span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            More changes
          </button>
        </div>
      ) : null}
    </section>
  )
}
