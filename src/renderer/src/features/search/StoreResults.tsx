import type { StoreSearchResult } from '../../../../shared/domains/store/storeSearchSchemas'
import { formatCount } from '../../lib/format'
import { isPartial } from '../../stores/searchStore'
import { useStores } from '../../stores/StoresContext'
import { HitButton } from './HitButton'

/**
 * Hits in every session of the store, open or not: each names its session and message; a click opens the session
 * in its tab at that message. Says when the answer is partial (still indexing, time budget, scan) and why.
 */
export function StoreResults({
  result,
  active,
  text,
}: {
  result: StoreSearchResult
  active: number
  text: string
}) {
  const { search } = useStores()
  const partial = isPartial(result)
  return (
    <>
      <p role="status" className="result-count">
        {result.total === 0 && !partial
          ? 'No results'
          : `${formatCount(result.total)}${partial ? '+' : ''} message${result.total === 1 && !partial ? '' : 's'}`}{' '}
        in the session store ({formatCount(result.sessions)} session{result.sessions === 1 ? '' : 's'}) for “
        {text}”
      </p>
      {result.indexing ? (
        <p className="search-stopped" role="note">
          Indexing the store: {formatCount(result.indexing.pending)} of {formatCount(result.indexing.of)}{' '}
          sessions still to index, so results are partial. The search runs again until it is done.
        </p>
      ) : null}
      {result.scanned ? (
        <p className="search-stopped" role="note">
          This pattern has no word the index can look up: {result.complete ? '' : 'partial, '}
          {formatCount(result.scanned.sessions)} of {formatCount(result.scanned.of)} sessions scanned.
        </p>
      ) : !result.complete ? (
        <p className="search-stopped" role="note">
          Counting stopped at the time limit: {formatCount(result.total)} confirmed of up to{' '}
          {formatCount(result.candidates)} candidate messages.
        </p>
      ) : null}
      <ol className="hit-list" aria-label="Search results">
        {result.hits.map((hit, i) => (
          <li key={`${hit.sessionId}-${hit.index}`}>
            <HitButton hit={hit} position={i} active={i === active} place={`session ${hit.sessionId}`} />
          </li>
        ))}
      </ol>
      {result.hits.length < result.total ? (
        <button type="button" className="small" onClick={() => void search.getState().loadMore()}>
          Show more ({formatCount(result.hits.length)} of {formatCount(result.total)} shown)
        </button>
      ) : null}
    </>
  )
}
