import { useState } from 'react'

const PAGE = 200

interface NodeProps {
  name: string | null
  value: unknown
  depth: number
  openDepth: number
}

function summaryOf(value: object): string {
  if (Array.isArray(value)) return `[…] ${value.length} ${value.length === 1 ? 'item' : 'items'}`
  const keys = Object.keys(value).length
  return `{…} ${keys} ${keys === 1 ? 'key' : 'keys'}`
}

function Leaf({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>
  switch (typeof value) {
    case 'string':
      return <span className="json-string">{JSON.stringify(value)}</span>
    case 'number':
    case 'bigint':
      return <span className="json-number">{String(value)}</span>
    case 'boolean':
      return <span className="json-boolean">{String(value)}</span>
    default:
      return <span className="json-other">{String(value)}</span>
  }
}

function Branch({ name, value, depth, openDepth }: NodeProps & { value: object }) {
  const [open, setOpen] = useState(depth < openDepth)
  const [shown, setShown] = useState(PAGE)
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : Object.entries(value)
  return (
    <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {name !== null ? <span className="json-key">{name}: </span> : null}
        <span className="muted">{summaryOf(value)}</span>
      </summary>
      {/* Children render only while open: a closed 10,000-item array costs nothing. */}
      {open && entries.length > 0 ? (
        <ul>
          {entries.slice(0, shown).map(([key, child]) => (
            <li key={key}>
              <JsonNode name={key} value={child} depth={depth + 1} openDepth={openDepth} />
            </li>
          ))}
          {entries.length > shown ? (
            <li>
              <button type="button" className="link" onClick={() => setShown(shown + PAGE * 5)}>
                Show more ({entries.length - shown} more)
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </details>
  )
}

function JsonNode(props: NodeProps) {
  const { value, name } = props
  if (typeof value === 'object' && value !== null && Object.keys(value).length > 0)
    return <Branch {...props} value={value} />
  return (
    <div className="json-leaf">
      {name !== null ? <span className="json-key">{name}: </span> : null}
      {typeof value === 'object' && value !== null ? (
        <span>{Array.isArray(value) ? '[]' : '{}'}</span>
      ) : (
        <Leaf value={value} />
      )}
    </div>
  )
}

/** A collapsible view of any JSON value: objects and arrays fold, the first levels start open. */
export function JsonTree({
  value,
  label,
  openDepth = 1,
}: {
  value: unknown
  label: string
  openDepth?: number
}) {
  return (
    <div className="json-tree" role="group" aria-label={label}>
      <JsonNode name={null} value={value} depth={0} openDepth={openDepth} />
    </div>
  )
}
