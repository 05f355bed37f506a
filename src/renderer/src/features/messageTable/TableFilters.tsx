import { useEffect, useState } from 'react'
import type { RowQuery } from '../../../../shared/model/document'
import { Options, SearchInput } from '../../components/inputs'

type Filter = NonNullable<RowQuery['filter']>

interface Props {
  roles: string[]
  filter: Filter
  onChange(filter: Filter): void
}

const TEXT_DELAY_MS = 300

/** Role, flagged-only and text filters; main applies them, the table asks for windows of the result. */
export function TableFilters({ roles, filter, onChange }: Props) {
  const [text, setText] = useState(filter.text ?? '')
  useEffect(() => {
    if (text === (filter.text ?? '')) return
    const timer = setTimeout(() => onChange({ ...filter, text }), TEXT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text, filter, onChange])
  const role = filter.roles?.[0] ?? ''
  return (
    <div className="table-filters" role="group" aria-label="Table filters">
      <label>
        Role{' '}
        <select
          aria-label="Role filter"
          value={role}
          onChange={(event) => onChange({ ...filter, roles: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">all roles</option>
          <Options values={roles} />
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={filter.flaggedOnly === true}
          onChange={(event) => onChange({ ...filter, flaggedOnly: event.target.checked })}
        />{' '}
        Flagged only
      </label>
      <SearchInput
        label="Filter text"
        placeholder="Filter text…"
        value={text}
        onChange={setText}
        onEnter={() => onChange({ ...filter, text })}
      />
    </div>
  )
}
