import { ProgressBar } from '../../components/ProgressBar'
import { formatCount } from '../../lib/format'
import { useDocuments } from '../../stores/StoresContext'

const nameOf = (path: string): string =>
  path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)

const PHASE_LABELS = { reading: 'Reading', scanning: 'Scanning', indexing: 'Indexing' } as const

/** Opens and background indexing under way; CSS keeps it hidden for the first moment, so quick opens never flash. */
export function ProgressArea() {
  const progress = useDocuments((state) => state.progress)
  const entries = Object.values(progress)
  if (entries.length === 0) return null
  return (
    <section className="progress-area" aria-label="Progress">
      {entries.map((entry) => {
        const label = `${PHASE_LABELS[entry.phase]} ${nameOf(entry.path)}`
        return (
          <div key={entry.path} className="progress-item">
            <span>
              {label}
              {entry.phase === 'indexing' ? ` ${formatCount(entry.done)} / ${formatCount(entry.total)}` : '…'}
            </span>
            <ProgressBar label={label} value={entry.done} max={entry.total} />
          </div>
        )
      })}
    </section>
  )
}
