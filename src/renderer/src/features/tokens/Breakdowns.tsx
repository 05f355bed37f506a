import type { KindTokensView, TokenUsage } from '../../../../shared/domains/tokens/contract'
import { formatCount, roleClass } from '../../lib/format'

const KINDS: { key: keyof Omit<KindTokensView, 'total'>; label: string }[] = [
  { key: 'text', label: 'Text' },
  { key: 'toolCalls', label: 'Tool calls' },
  { key: 'toolResults', label: 'Tool results' },
  { key: 'images', label: 'Images' },
  { key: 'overhead', label: 'Chat framing' },
]

function Row({
  label,
  tokens,
  of,
  className,
}: {
  label: string
  tokens: number
  of: number
  className?: string
}) {
  const share = of > 0 ? tokens / of : 0
  return (
    <tr>
      <th scope="row" className={className}>
        {label}
      </th>
      <td className="number">{formatCount(tokens)}</td>
      <td className="share">
        <span className="share-bar" style={{ width: `${(share * 100).toFixed(1)}%` }} aria-hidden="true" />
        <span className="muted">{(share * 100).toFixed(1)}%</span>
      </td>
    </tr>
  )
}

/** Where the tokens are, by role and by kind, in the model's encoding. */
export function Breakdowns({ usage }: { usage: TokenUsage }) {
  const total = usage.byKind.total
  const roles = Object.entries(usage.byRole).sort((a, b) => b[1].tokens - a[1].tokens)
  return (
    <div className="breakdowns">
      <table className="breakdown">
        <caption>By role ({usage.model.encoding})</caption>
        <tbody>
          {roles.map(([role, bucket]) => (
            <Row
              key={role}
              label={`${role || 'no role'} (${formatCount(bucket.messages)})`}
              tokens={bucket.tokens}
              of={total}
              className={`role-badge ${roleClass(role)}`}
            />
          ))}
        </tbody>
      </table>
      <table className="breakdown">
        <caption>By kind ({usage.model.encoding})</caption>
        <tbody>
          {KINDS.map(({ key, label }) => (
            <Row key={key} label={label} tokens={usage.byKind[key]} of={total} />
          ))}
        </tbody>
      </table>
    </div>
  )
}
