import './open.css'
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-target">Drop memory files to open them</div>
    </div>
  )
}
