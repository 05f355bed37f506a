import './migration.css'
import { useState } from 'react'
import { useStore } from 'zustand'
import { ProgressBar } from '../../components/ProgressBar'
import { useStores, useWorkspace } from '../../stores/StoresContext'
import { MigrationReportView } from './MigrationReportView'

/**
 * The Import wizard: choose files, folders or databases (typed, from the native dialog, or dropped on the window
 * while this page shows) → the dry-run report → import with progress and Cancel → the result, linking to the
 * new sessions.
 */
export function ImportPage() {
  const stores = useStores()
  const imports = stores.imports
  const state = useStore(imports)
  const roots = useWorkspace((s) => s.roots)
  const [typed, setTyped] = useState('')
  const running = state.phase === 'running'
  const busy = running || state.phase === 'checking'
  const willImport = state.check?.sessions_migrated ?? 0

  const addTyped = (): void => {
    imports.getState().addPaths(typed.split('\n'))
    setTyped('')
  }
  const browse = async (folders: boolean): Promise<void> => {
    imports.getState().addPaths(await stores.workspace.getState().openDialog(folders))
  }

  return (
    <main className="home-view import-page" aria-labelledby="import-title">
      <h1 id="import-title">Import into the session store</h1>
      <p className="muted">
        MARSYS memory files and folders of them, langswarm-memory V2 SQLite files, V1 session and
        memory-adapter SQLite files, and backups. What each path is, is read from its content. Nothing is
        written until you press Import, and sessions imported before are skipped.
      </p>

      <section aria-labelledby="import-sources-title">
        <h2 id="import-sources-title">1. Sources</h2>
        <form
          className="import-add"
          onSubmit={(event) => {
            event.preventDefault()
            addTyped()
          }}
        >
          <label className="field-block">
            <span>File, folder or database path</span>
            <input
              type="text"
              value={typed}
              spellCheck={false}
              autoComplete="off"
              disabled={running}
              placeholder="/path/to/agents or /path/to/langswarm_memory.db"
              onChange={(event) => setTyped(event.target.value)}
            />
          </label>
          <button type="submit" disabled={running || typed.trim() === ''}>
            Add
          </button>
          {roots?.canBrowse ? (
            <>
              <button type="button" disabled={running} onClick={() => void browse(false)}>
                Choose files…
              </button>
              <button type="button" disabled={running} onClick={() => void browse(true)}>
                Choose folder…
              </button>
            </>
          ) : null}
        </form>
        <p className="muted">
          {roots?.canBrowse
            ? 'You can also drop files on this window while this page shows.'
            : roots?.restricted
              ? `Web mode reads only under: ${roots.roots.join(', ')}.`
              : null}
        </p>
        {state.paths.length > 0 ? (
          <ul className="import-paths" aria-label="Sources to import">
            {state.paths.map((path) => (
              <li key={path}>
                <code>{path}</code>
                <button
                  type="button"
                  className="small"
                  disabled={running}
                  aria-label={`Remove ${path}`}
                  onClick={() => imports.getState().removePath(path)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">No source yet.</p>
        )}
        <label className="import-option">
          <input
            type="checkbox"
            checked={state.renameConflicts}
            disabled={running}
            onChange={(event) => imports.getState().setRenameConflicts(event.target.checked)}
          />
          Import a session whose id the store already uses as <code>&lt;id&gt;-2</code> (instead of skipping
          it)
        </label>
        <div className="import-actions">
          <button
            type="button"
            className={state.phase === 'pick' ? 'primary' : undefined}
            disabled={busy || state.paths.length === 0}
            onClick={() => void imports.getState().validate()}
          >
            {state.phase === 'checking' ? 'Checking…' : 'Check (dry run)'}
          </button>
          <button type="button" disabled={busy} onClick={() => imports.getState().reset()}>
            Start over
          </button>
        </div>
        {state.error ? (
          <p role="alert" className="render-error">
            {state.error}
          </p>
        ) : null}
      </section>

      {state.check && state.phase === 'checked' ? (
        <section aria-labelledby="import-check-title">
          <h2 id="import-check-title">2. What the import will do</h2>
          <MigrationReportView report={state.check} />
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              disabled={willImport === 0}
              onClick={() => void imports.getState().run()}
            >
              Import {willImport} session(s)
            </button>
          </div>
        </section>
      ) : null}

      {running ? (
        <section aria-labelledby="import-run-title">
          <h2 id="import-run-title">3. Importing</h2>
          <ProgressBar
            label="Import progress"
            value={state.progress?.current ?? 0}
            max={state.progress?.total ?? 0}
          />
          <p className="muted import-status">
            {state.progress
              ? `${state.progress.current} of ${state.progress.total} message(s) — ${state.progress.status}`
              : 'Starting…'}
          </p>
          <button
            type="button"
            disabled={state.cancelling || state.jobId === null}
            onClick={() => void imports.getState().cancel()}
          >
            {state.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </section>
      ) : null}

      {state.phase === 'done' && state.result ? (
        <section aria-labelledby="import-result-title">
          <h2 id="import-result-title">3. Result</h2>
          <MigrationReportView
            report={state.result}
            onOpenSession={(id) => void stores.documents.getState().openSession(id)}
          />
          <div className="import-actions">
            <button type="button" onClick={() => stores.view.getState().setPage('sessions')}>
              Show the session store
            </button>
          </div>
        </section>
      ) : null}
    </main>
  )
}
