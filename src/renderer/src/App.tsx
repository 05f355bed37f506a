import './styles/shell.css'
import { useEffect } from 'react'
import { ErrorBoundary } from './components/ErrorBoundary'
import { AboutDialog } from './features/about/AboutDialog'
import { DocumentTabs } from './features/documents/DocumentTabs'
import { DocumentView } from './features/documents/DocumentView'
import { GoToMessageDialog } from './features/documents/GoToMessageDialog'
import { HomeView } from './features/documents/HomeView'
import { SidePanel } from './features/documents/SidePanel'
import { useBeforeUnload } from './features/documents/useBeforeUnload'
import { useWindowTitle } from './features/documents/useWindowTitle'
import { NoticeArea } from './features/notices/NoticeArea'
import { CommandPalette } from './features/palette/CommandPalette'
import { ProgressArea } from './features/notices/ProgressArea'
import { DropOverlay } from './features/open/DropOverlay'
import { OpenControls } from './features/open/OpenControls'
import { useDropZone } from './features/open/useDropZone'
import { SaveDialogs } from './features/saving/SaveDialogs'
import { SearchBox } from './features/search/SearchBox'
import { ImportPage } from './features/migration/ImportPage'
import { SessionStoreSection } from './features/sessions/SessionStoreSection'
import { SettingsPage } from './features/settings/SettingsPage'
import { ComparePage } from './features/compare/ComparePage'
import { UsagePage } from './features/tokens/UsagePage'
import type { HomePage as Page } from './stores/viewStore'
import { useMenuCommands } from './features/shortcuts/menuCommands'
import { useGlobalShortcuts } from './features/shortcuts/useGlobalShortcuts'
import { connectEvents } from './stores/createStores'
import { useDocuments, useStores, useView } from './stores/StoresContext'

function HomePage({ page }: { page: Page }) {
  switch (page) {
    case 'files':
      return <HomeView />
    case 'sessions':
      return <SessionStoreSection />
    case 'usage':
      return <UsagePage />
    case 'import':
      return <ImportPage />
    case 'compare':
      return <ComparePage />
    case 'settings':
      return <SettingsPage />
  }
}

export function App() {
  const stores = useStores()
  const activeId = useDocuments((state) => state.activeId)
  const searchFocus = useView((state) => state.searchFocus)
  const page = useView((state) => state.page)
  const dragging = useDropZone()
  useGlobalShortcuts()
  useMenuCommands()
  useWindowTitle()
  useBeforeUnload()

  useEffect(() => {
    const disconnect = connectEvents(stores)
    void stores.documents.getState().loadList()
    void stores.workspace.getState().load()
    return disconnect
  }, [stores])

  return (
    <div className="app">
      <a className="skip-link" href="#workspace">
        Skip to content
      </a>
      <header className="app-header">
        <h1>Memory Inspector</h1>
        <OpenControls />
        <SearchBox focusRequest={searchFocus} />
        <button
          type="button"
          className="icon help-button"
          aria-label="Help and about"
          onClick={() => stores.view.getState().setAboutOpen(true)}
        >
          ?
        </button>
      </header>
      <DocumentTabs />
      <div className="workspace" id="workspace" tabIndex={-1}>
        <ErrorBoundary what="this view" resetKey={activeId}>
          {activeId ? <DocumentView key={activeId} docId={activeId} /> : <HomePage page={page} />}
        </ErrorBoundary>
        <SidePanel />
      </div>
      <ProgressArea />
      <NoticeArea />
      <DropOverlay visible={dragging} />
      <AboutDialog />
      <GoToMessageDialog />
      <CommandPalette />
      <SaveDialogs />
    </div>
  )
}
