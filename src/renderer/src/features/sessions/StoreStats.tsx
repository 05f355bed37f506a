import { formatBytes, formatCount } from '../../lib/format'
import { useSessions } from '../../stores/StoresContext'

/** Where the store is and how big it is (`session.stats`). */
export function StoreStats() {
  const stats = useSessions((state) => state.stats)
  const error = useSessions((state) => state.statsError)
  if (error) return <p className="muted">Store numbers unavailable: {error}</p>
  if (!stats) return null
  const { usage, health } = stats
  return (
    <dl className="session-stats" aria-label="Session store numbers">
      <div className="session-stats-path">
        <dt>Path</dt>
        <dd>
          <code title={stats.path}>{stats.path}</code>
        </dd>
      </div>
      <div>
        <dt>Sessions</dt>
        <dd>
          {formatCount(usage.session_count)}{' '}
          <span className="muted">({formatCount(usage.active_sessions)} active)</span>
        </dd>
      </div>
      <div>
        <dt>Messages</dt>
        <dd>{formatCount(usage.message_count)}</dd>
      </div>
      <div>
        <dt>Tokens</dt>
        <dd>{formatCount(usage.total_tokens)}</dd>
      </div>
      <div>
        <dt>Size on disk</dt>
        <dd>{formatBytes(usage.storage_size_bytes)}</dd>
      </div>
      <div>
        <dt>Health</dt>
        <dd
          className={health.status === 'healthy' ? 'session-healthy' : 'severity-error'}
          title={health.error}
        >
          {health.status}
          {health.error ? `: ${health.error}` : ''}
        </dd>
      </div>
    </dl>
  )
}
