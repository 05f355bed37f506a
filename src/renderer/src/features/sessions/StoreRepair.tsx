import { useSessions, useStores } from '../../stores/StoresContext'

const ACTION_TEXT: Record<string, string> = {
  kept_damaged_copy: 'kept a copy of the damaged file',
  rewrote_manifest: 'rewrote store.json',
  rewrote_index_shard: 'rebuilt an index shard',
  restored_session: 'brought back a session missing from the index',
  recreated_session_file: 'recreated a missing session file (its messages are lost)',
  left_unreadable: 'left an unreadable file as it is',
  left_conflicting: 'left a conflicting file as it is',
}

const NO_DAMAGE: readonly never[] = []

/**
 * A damaged store (a truncated index shard, a missing session file, sessions the index lost) says what is wrong and
 * offers a check and a repair. Repair rebuilds the index from the session files and never deletes data.
 */
export function StoreRepair() {
  const { sessions } = useStores()
  // Select the array itself (a fresh `[]` from the selector would re-render for ever), default it after.
  const damage = useSessions((state) => state.stats?.health.damage) ?? NO_DAMAGE
  const { running, report, error } = useSessions((state) => state.repair)
  if (damage.length === 0 && !report && !error) return null
  const readOnly = damage.some((d) => d.kind === 'manifest' || d.kind === 'index_shard')
  return (
    <section className="store-repair" aria-labelledby="store-repair-title" aria-busy={running}>
      <h2 id="store-repair-title">{damage.length > 0 ? 'The session store is damaged' : 'Store repair'}</h2>
      {damage.length > 0 ? (
        <>
          {readOnly ? (
            <p role="alert">
              Its index is damaged: the sessions that are intact can be read, but nothing is written until it
              is repaired.
            </p>
          ) : null}
          <ul>
            {damage.map((d) => (
              <li key={`${d.kind}:${d.file}`}>
                <strong>{d.kind.replaceAll('_', ' ')}</strong> <code>{d.file}</code>: {d.problem}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="dialog-actions">
        <button
          type="button"
          className="small"
          disabled={running}
          onClick={() => void sessions.getState().repairStore(true)}
        >
          Check store
        </button>
        <button
          type="button"
          className="small primary"
          disabled={running || damage.length === 0}
          onClick={() => void sessions.getState().repairStore(false)}
        >
          {running ? 'Working…' : 'Repair store'}
        </button>
      </div>
      {error ? (
        <p role="alert" className="severity-error">
          {error}
        </p>
      ) : null}
      {report ? (
        <div role="status">
          <p>
            {report.dry_run ? 'A repair would:' : 'Repaired:'}{' '}
            {report.actions.length === 0 ? 'nothing to do.' : ''}
            {report.lost_messages > 0
              ? ` ${report.lost_messages} messages are lost (their files are gone).`
              : ''}
          </p>
          <ul>
            {report.actions.map((action, i) => (
              <li key={i}>
                {ACTION_TEXT[action.action] ?? action.action}: <code>{action.file}</code>
                {action.detail ? <span className="muted"> — {action.detail}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}
