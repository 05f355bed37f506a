import './documents.css'
import { useDocuments } from '../../stores/StoresContext'
import { AboutPanel } from '../about/AboutPanel'
import { OpenHelp } from '../open/OpenHelp'
import { RecentFiles } from '../open/RecentFiles'
import { SessionsRoot } from '../sessions/SessionsRoot'
import { SessionStoreSection } from '../sessions/SessionStoreSection'
import { DocumentsTable } from './DocumentsTable'

/** The Documents tab: how to open, what is open, what was open recently, the session store, and what this app is. */
export function HomeView() {
  const count = useDocuments((state) => state.order.length)
  return (
    <SessionsRoot>
      <main className="home-view" aria-labelledby="home-title">
        <h1 id="home-title" className="visually-hidden">
          Documents
        </h1>
        {count > 0 ? (
          <section className="home-section" aria-labelledby="open-docs-title">
            <h2 id="open-docs-title">Open documents</h2>
            <DocumentsTable />
          </section>
        ) : null}
        <OpenHelp />
        <RecentFiles />
        <SessionStoreSection />
        <div className="home-section">
          <AboutPanel />
        </div>
      </main>
    </SessionsRoot>
  )
}
