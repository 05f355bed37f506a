import { useWorkspace } from '../../stores/StoresContext'

const DOOR_LABEL = { electron: 'Electron IPC', web: 'Web mode (HTTP)' } as const

/** What the app is and how this window reaches it — all of it read through the contract's `app.info`. */
export function AboutPanel() {
  const info = useWorkspace((state) => state.info)
  const error = useWorkspace((state) => state.infoError)
  if (error) return <p role="alert">Could not reach the app: {error}</p>
  if (!info) return <p aria-busy="true">Connecting…</p>
  return (
    <section aria-labelledby="about-title" className="about">
      <h2 id="about-title">About this app</h2>
      <dl>
        <dt>Version</dt>
        <dd data-testid="app-version">{info.version}</dd>
        <dt>Platform</dt>
        <dd data-testid="app-platform">{info.platform}</dd>
        <dt>Runtime</dt>
        <dd>{info.runtime}</dd>
        <dt>Data folder</dt>
        <dd data-testid="app-data-dir">{info.dataDir}</dd>
        <dt>Connection</dt>
        <dd data-testid="app-door">{DOOR_LABEL[info.door]}</dd>
      </dl>
    </section>
  )
}
