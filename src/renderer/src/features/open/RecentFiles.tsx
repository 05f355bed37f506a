import { formatDate } from '../../lib/format'
import { useWorkspace } from '../../stores/StoresContext'
import { useOpenActions } from './useOpenActions'

const split = (path: string): { name: string; folder: string } => {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return { name: path.slice(cut + 1), folder: path.slice(0, cut + 1) }
}

export function RecentFiles() {
  const recent = useWorkspace((state) => state.recent)
  const { openPaths } = useOpenActions()
  return (
    <section className="home-section" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent files</h2>
      {recent.length === 0 ? (
        <p className="muted">Nothing opened yet.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((entry) => {
            const { name, folder } = split(entry.path)
            return (
              <li key={entry.path}>
                <button
                  type="button"
                  className="link recent-item"
                  title={entry.path}
                  // The name holds the visible text as it reads (name, then folder), so speech input finds it.
                  aria-label={`Reopen ${name} ${folder}`}
                  onClick={() => void openPaths([entry.path])}
                >
                  <strong>{name}</strong> <span className="muted">{folder}</span>
                </button>
                <span className="muted recent-date">{formatDate(entry.openedMs)}</span>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
