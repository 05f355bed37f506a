import type { SessionStatus } from '../../../../shared/model/langswarm/enums'

export function StatusChip({ status }: { status: SessionStatus }) {
  return <span className={`chip session-status status-${status}`}>{status}</span>
}

export function TagChips({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null
  return (
    <span className="session-tags">
      {tags.map((tag) => (
        <span key={tag} className="chip session-tag">
          {tag}
        </span>
      ))}
    </span>
  )
}
