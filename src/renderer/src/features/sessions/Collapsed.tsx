import { useState } from 'react'
import { JsonTree } from '../../components/JsonTree'

/** JSON folded away under a summary line; the tree is only built once opened. */
export function Collapsed({
  title,
  value,
  openDepth = 1,
}: {
  title: string
  value: unknown
  openDepth?: number
}) {
  const [open, setOpen] = useState(false)
  return (
    <details className="session-json" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{title}</summary>
      {open ? <JsonTree value={value} label={title} openDepth={openDepth} /> : null}
    </details>
  )
}
