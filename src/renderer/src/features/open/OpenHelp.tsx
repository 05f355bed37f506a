import { useStores, useWorkspace } from '../../stores/StoresContext'
import { useOpenActions } from './useOpenActions'

/** The welcome screen's "how to open": the allowed folders in web mode (click one to open it), or the dialogs. */
export function OpenHelp() {
  const { workspace } = useStores()
  const roots = useWorkspace((state) => state.roots)
  const { openPaths, openWithDialog } = useOpenActions()
  return (
    <section className="home-section open-help" aria-labelledby="open-title">
      <h2 id="open-title">Open memory files</h2>
      {roots?.canBrowse ? (
        <p>
          <button type="button" onClick={() => void openWithDialog(false)}>
            Open files…
          </button>{' '}
          <button type="button" onClick={() => void openWithDialog(true)}>
            Open a folder…
          </button>{' '}
          <span className="muted">
            or drop files on the window, or type a path into “Open path” (Ctrl/Cmd+O).
          </span>
        </p>
      ) : (
        <p>
          Type a path to a <code>memory.json</code> file or a folder into{' '}
          <button type="button" className="link" onClick={() => workspace.getState().focusOpenPath()}>
            Open path
          </button>{' '}
          (Ctrl/Cmd+O). A folder opens every memory file inside it.
        </p>
      )}
      {roots?.restricted ? (
        <>
          <p className="muted">
            This web-mode server may only open files under the folders it was started with:
          </p>
          <ul className="roots" aria-label="Allowed folders">
            {roots.roots.map((root) => (
              <li key={root}>
                <code>{root}</code>{' '}
                <button
                  type="button"
                  className="small"
                  aria-label={`Open all memory files in ${root}`}
                  onClick={() => void openPaths([root])}
                >
                  Open all
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
