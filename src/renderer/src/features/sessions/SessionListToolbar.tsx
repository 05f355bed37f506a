import { useEffect, useState } from 'react'
import { Options, SearchInput } from '../../components/inputs'
import { formatCount } from '../../lib/format'
import { NewSessionDialog } from './NewSessionDialog'
import { useSessions, useStores } from '../../stores/StoresContext'
import { isStatus, SESSION_STATUSES } from './statuses'

/** Typing pauses this long before the user filter goes to main. */
const FILTER_DELAY_MS = 300

/** Filters main applies (user id, status), the count, and "New session". */
export function SessionListToolbar() {
  const store = useStores().sessions
  const status = useSessions((state) => state.query.status)
  const appliedUser = useSessions((state) => state.query.userId)
  const total = useSessions((state) => state.list?.total ?? null)
  const loading = useSessions((state) => state.listLoading)
  const [user, setUser] = useState(appliedUser)
  const [creating, setCreating] = useState(false)

  useEffect(() => {
    const apply = (): void => {
      if (user !== store.getState().query.userId) store.getState().setUserFilter(user)
    }
    const timer = setTimeout(apply, FILTER_DELAY_MS)
    return () => clearTimeout(timer)
  }, [user, store])

  const filtered = appliedUser.trim() !== '' || status !== null
  return (
    <div className="table-toolbar session-toolbar">
      <SearchInput
        label="Filter by user id"
        placeholder="User id…"
        value={user}
        onChange={setUser}
        onEnter={() => {
          if (user !== store.getState().query.userId) store.getState().setUserFilter(user)
        }}
      />
      <select
        aria-label="Filter by status"
        value={status ?? ''}
        onChange={(event) =>
          store.getState().setStatusFilter(isStatus(event.target.value) ? event.target.value : null)
        }
      >
        <option value="">Any status</option>
        <Options values={SESSION_STATUSES} />
      </select>
      <span className="muted" role="status" aria-busy={loading}>
        {total === null
          ? ''
          : `${formatCount(total)} ${filtered ? 'matching ' : ''}session${total === 1 ? '' : 's'}`}
      </span>
      <span className="spacer" />
      <button type="button" className="primary small" onClick={() => setCreating(true)}>
        New session
      </button>
      <NewSessionDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  )
}
