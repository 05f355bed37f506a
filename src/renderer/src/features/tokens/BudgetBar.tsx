import type { BudgetView } from '../../../../shared/domains/tokens/contract'
import { formatCount } from '../../lib/format'

const SEGMENTS: { key: keyof BudgetView['segments']; label: string }[] = [
  { key: 'systemPrompt', label: 'System prompt' },
  { key: 'toolDefinitions', label: 'Tool definitions' },
  { key: 'toolCalls', label: 'Tool calls and results' },
  { key: 'messages', label: 'Messages' },
  { key: 'images', label: 'Images' },
]

const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`

/** Where the model's context window goes, segment by segment, and whether MARSYS would compact now. */
export function BudgetBar({ budget }: { budget: BudgetView }) {
  const scale = Math.max(budget.contextWindow, budget.used)
  const status = `${formatCount(budget.used)} of ${formatCount(budget.contextWindow)} tokens (${percent(budget.usedFraction)}) of ${budget.model}'s window`
  return (
    <section className="budget" aria-labelledby="budget-title">
      <h3 id="budget-title">Context budget</h3>
      <p data-testid="budget-status" className={budget.overWindow ? 'budget-over' : undefined}>
        {status}
        {budget.overWindow
          ? ` — ${formatCount(-budget.remaining)} over: it no longer fits.`
          : ` — ${formatCount(budget.remaining)} left.`}
      </p>
      <div className="budget-bar" role="img" aria-label={status}>
        {SEGMENTS.map(({ key }) =>
          budget.segments[key] > 0 ? (
            <span
              key={key}
              className={`budget-segment segment-${key}`}
              style={{ width: `${(budget.segments[key] / scale) * 100}%` }}
            />
          ) : null,
        )}
        {budget.overWindow && (
          <span className="budget-window" style={{ left: `${(budget.contextWindow / scale) * 100}%` }} />
        )}
      </div>
      <ul className="budget-legend">
        {SEGMENTS.map(({ key, label }) => (
          <li key={key}>
            <span className={`swatch segment-${key}`} aria-hidden="true" />
            {label}: {formatCount(budget.segments[key])}
          </li>
        ))}
      </ul>
      <p className={budget.marsys.wouldCompact ? 'would-compact' : 'muted'} role="status">
        {budget.marsys.wouldCompact
          ? `MARSYS would compact now: ${formatCount(budget.marsys.total)} tokens by its count, over the threshold of ${formatCount(budget.marsys.thresholdTokens)} (target ${formatCount(budget.marsys.compactionTargetTokens)}).`
          : `MARSYS would not compact: ${formatCount(budget.marsys.total)} of ${formatCount(budget.marsys.thresholdTokens)} tokens by its count.`}
      </p>
    </section>
  )
}
