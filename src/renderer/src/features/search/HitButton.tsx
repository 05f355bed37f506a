import type { SearchHit } from '../../../../shared/model/document'
import { useStores } from '../../stores/StoresContext'
import { HighlightedSnippet } from './HighlightedSnippet'

/** One hit of a result list: where it is (`place`, then #index and the field), its snippet; a click goes there. */
export function HitButton({
  hit,
  position,
  active,
  place,
}: {
  hit: Pick<SearchHit, 'index' | 'field' | 'snippet' | 'matchStart' | 'matchEnd'>
  position: number
  active: boolean
  place: string | null
}) {
  const { search } = useStores()
  return (
    <button
      type="button"
      className={`hit ${active ? 'active' : ''}`}
      aria-current={active ? 'true' : undefined}
      onClick={() => search.getState().goTo(position)}
    >
      <span className="hit-where">
        {place !== null ? <span className="hit-doc">{place} </span> : null}#{hit.index}
        <span className="chip">{hit.field}</span>
      </span>
      <HighlightedSnippet snippet={hit.snippet} start={hit.matchStart} end={hit.matchEnd} />
    </button>
  )
}
