import type { AdditionalStateView } from '../../../../shared/model/document'

const STATUS: Record<string, { icon: string; label: string }> = {
  completed: { icon: '✓', label: 'completed' },
  done: { icon: '✓', label: 'done' },
  in_progress: { icon: '◐', label: 'in progress' },
  pending: { icon: '○', label: 'pending' },
  blocked: { icon: '⊘', label: 'blocked' },
  cancelled: { icon: '✕', label: 'cancelled' },
  skipped: { icon: '↷', label: 'skipped' },
}

export function PlanChecklist({ plan }: { plan: NonNullable<AdditionalStateView['plan']> }) {
  return (
    <section className="plan" aria-label="Plan">
      <h3>Plan</h3>
      <p>
        <span className="muted">Goal: </span>
        {plan.goal ?? <span className="muted">(none)</span>}
      </p>
      <ul className="checklist" aria-label="Plan items">
        {plan.items.map((item, i) => {
          const status = STATUS[item.status] ?? { icon: '?', label: item.status }
          return (
            <li
              key={item.id || i}
              className={`plan-item status-${item.status}`}
              aria-label={`${item.title}: ${status.label}`}
            >
              <span className="status-icon" aria-hidden="true">
                {status.icon}
              </span>
              <span className="plan-title">{item.title}</span>
              <span className="chip">{status.label}</span>
              {item.content && item.content !== item.title ? (
                <div className="muted plan-content">{item.content}</div>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
