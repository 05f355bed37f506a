import { HitButton } from './HitButton'
import { StoreResults } from './StoreResults'
import { SEARCH_FIELDS, type SearchField } from '../../stores/searchStore'
import { useDocuments, useSearch, useStores } from '../../stores/StoresContext'
import { formatCount } from '../../lib/format'

const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

const FIELD_LABELS: Partial<Record<SearchField, string>> = {
  tool: 'tool name',
  arguments: 'tool arguments and call ids',
}

/** The fields to search and the list of hits; a click (or Enter on a hit) jumps to the message. */
export function SearchPanel() {
  const { search } = useStores()
  const fields = useSearch((state) => state.fields)
  const status = useSearch((state) => state.status)
  const error = useSearch((state) => state.error)
  const result = useSearch((state) => state.result)
  const storeResult = useSearch((state) => state.storeResult)
  const active = useSearch((state) => state.active)
  const executed = useSearch((state) => state.executed)
  const summaries = useDocuments((state) => state.summaries)
  const toggleField = (field: SearchField): void => {
    const next = fields.includes(field) ? fields.filter((f) => f !== field) : [...fields, field]
    search.getState().setOptions({ fields: SEARCH_FIELDS.filter((f) => next.includes(f)) })
  }
  const several = executed?.scope === 'all'
  return (
    <div className="search-panel">
      <fieldset className="search-fields">
        <legend>Search in</legend>
        {SEARCH_FIELDS.map((field) => (
          <label key={field}>
            <input type="checkbox" checked={fields.includes(field)} onChange={() => toggleField(field)} />{' '}
            {FIELD_LABELS[field] ?? field}
          </label>
        ))}
        <button type="button" className="small" onClick={() => void search.getState().run()}>
          Search again
        </button>
      </fieldset>
      {status === 'error' ? <p role="alert">{error}</p> : null}
      {status === 'searching' ? <p aria-busy="true">Searching…</p> : null}
      {status === 'idle' ? <p className="empty-state">Type in the search box and press Enter.</p> : null}
      {storeResult ? <StoreResults result={storeResult} active={active} text={executed?.text ?? ''} /> : null}
      {result ? (
        <>
          <p role="status" className="result-count">
            {result.total === 0
              ? 'No results'
              : `${formatCount(result.total)} result${result.total === 1 ? '' : 's'}`}
            {result.truncated ? ` (first ${formatCount(result.hits.length)} listed)` : ''}
            {executed ? ` for “${executed.text}”` : ''}
          </p>
          {result.stopped ? (
            <p role="alert" className="search-stopped">
              Search stopped after {formatSeconds(result.stopped.afterMs)}: results are partial (searched{' '}
              {formatCount(result.stopped.searched)} of {formatCount(result.stopped.of)} messages).
            </p>
          ) : null}
          <ol className="hit-list" aria-label="Search results">
            {result.hits.map((hit, i) => (
              <li key={`${hit.documentId}-${hit.index}-${hit.field}`}>
                <HitButton
                  hit={hit}
                  position={i}
                  active={i === active}
                  place={several ? (summaries[hit.documentId]?.name ?? hit.documentId) : null}
                />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  )
}
