import { useEffect, useRef } from 'react'
import { formatCount } from '../../lib/format'
import { isPartial, type SearchScope } from '../../stores/searchStore'
import { useSearch, useStores } from '../../stores/StoresContext'

/** The search field in the header: Enter searches (again: next hit), Shift+Enter goes back, F3 too. */
export function SearchBox({ focusRequest }: { focusRequest: number }) {
  const { search } = useStores()
  const text = useSearch((state) => state.text)
  const regex = useSearch((state) => state.regex)
  const caseSensitive = useSearch((state) => state.caseSensitive)
  const scope = useSearch((state) => state.scope)
  const status = useSearch((state) => state.status)
  const total = useSearch((state) => state.storeResult?.total ?? state.result?.total ?? 0)
  const hits = useSearch((state) => state.storeResult?.hits.length ?? state.result?.hits.length ?? 0)
  const partial = useSearch((state) => (state.storeResult ? isPartial(state.storeResult) : false))
  const active = useSearch((state) => state.active)
  const error = useSearch((state) => state.error)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (focusRequest > 0) {
      input.current?.focus()
      input.current?.select()
    }
  }, [focusRequest])

  const counter =
    status === 'searching'
      ? 'searching…'
      : status === 'error'
        ? 'error'
        : status === 'done'
          ? total === 0
            ? 'no results'
            : `${active >= 0 ? `${formatCount(active + 1)} of ` : ''}${formatCount(total)}${partial ? '+' : ''} result${total === 1 && !partial ? '' : 's'}`
          : ''

  return (
    <form
      role="search"
      aria-label="Search messages"
      className="search-box"
      onSubmit={(event) => {
        event.preventDefault()
        void search.getState().submit()
      }}
    >
      <input
        ref={input}
        type="search"
        aria-label="Search"
        placeholder="Search messages  ( / )"
        value={text}
        aria-invalid={status === 'error'}
        aria-describedby="search-counter"
        onChange={(event) => search.getState().setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.shiftKey) {
            event.preventDefault()
            search.getState().previous()
          } else if (event.key === 'Escape' && text !== '') {
            event.preventDefault()
            event.stopPropagation()
            search.getState().setText('')
            search.getState().clear()
          }
        }}
      />
      <button
        type="button"
        className={`toggle ${regex ? 'on' : ''}`}
        aria-pressed={regex}
        aria-label="Regular expression"
        title="Regular expression"
        onClick={() => search.getState().setOptions({ regex: !regex })}
      >
        .*
      </button>
      <button
        type="button"
        className={`toggle ${caseSensitive ? 'on' : ''}`}
        aria-pressed={caseSensitive}
        aria-label="Match case"
        title="Match case"
        onClick={() => search.getState().setOptions({ caseSensitive: !caseSensitive })}
      >
        Aa
      </button>
      <select
        aria-label="Search scope"
        value={scope}
        onChange={(event) => search.getState().setOptions({ scope: event.target.value as SearchScope })}
      >
        <option value="document">this document</option>
        <option value="all">all open documents</option>
        <option value="store">the whole session store</option>
      </select>
      <button
        type="button"
        className="icon"
        aria-label="Previous result"
        disabled={hits === 0}
        onClick={() => search.getState().previous()}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon"
        aria-label="Next result"
        disabled={hits === 0}
        onClick={() => search.getState().next()}
      >
        ↓
      </button>
      <span id="search-counter" className="search-counter muted" role="status" title={error ?? undefined}>
        {counter}
      </span>
    </form>
  )
}
