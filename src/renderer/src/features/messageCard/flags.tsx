import type { MessageFlag } from '../../../../shared/model/document'

export const FLAG_INFO: Record<MessageFlag, { label: string; severity: 'error' | 'warning' | 'info' }> = {
  'orphan-tool-result': { label: 'orphan result', severity: 'warning' },
  'unanswered-tool-call': { label: 'unanswered call', severity: 'warning' },
  'system-not-first': { label: 'system not first', severity: 'warning' },
  'duplicate-system': { label: 'duplicate system', severity: 'warning' },
  'same-role-as-previous': { label: 'same role twice', severity: 'info' },
  empty: { label: 'empty', severity: 'info' },
  'marsys-unloadable': { label: "MARSYS can't load", severity: 'error' },
  'not-an-object': { label: 'not an object', severity: 'warning' },
}

export function FlagChips({ flags }: { flags: MessageFlag[] }) {
  if (flags.length === 0) return null
  return (
    <span className="flags">
      {flags.map((flag) => (
        <span key={flag} className={`chip severity-${FLAG_INFO[flag]?.severity ?? 'info'}`} title={flag}>
          {FLAG_INFO[flag]?.label ?? flag}
        </span>
      ))}
    </span>
  )
}
