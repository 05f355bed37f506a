import { useRef, type KeyboardEvent, type PointerEvent } from 'react'

interface SplitterProps {
  label: string
  /** Width of the panel on the splitter's right. */
  value: number
  onChange(width: number): void
}

/** A vertical separator that resizes the panel to its right, by pointer or ←/→. */
export function Splitter({ label, value, onChange }: SplitterProps) {
  const start = useRef<{ x: number; width: number } | null>(null)
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    start.current = { x: event.clientX, width: value }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (start.current) onChange(start.current.width - (event.clientX - start.current.x))
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'ArrowLeft') onChange(value + 24)
    else if (event.key === 'ArrowRight') onChange(value - 24)
    else return
    event.preventDefault()
  }
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  )
}
