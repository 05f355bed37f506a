import './documents.css'
import { useDocuments } from '../../stores/StoresContext'
import { AboutPanel } from '../about/AboutPanel'
import { OpenHelp } from '../open/OpenHelp'
import { RecentFiles } from '../open/RecentFiles'
import { DocumentsTable } from './DocumentsTable'

/** The Files page: how to open, what is open, what was open recently, and what this app is. */
export function HomeView() {
  const count = useDocuments((state) => state.order.length)
  return (
    <main className="home-view" aria-labelledby="home-title">
      <h1 id="home-title" className="visually-hidden">
        Files
      </h1>
      {count > 0 ? (
        <section className="home-section" aria-labelledby="open-docs-title">
          <h2 id="open-docs-title">Open documents</h2>
          <DocumentsTable />
        </section>
      ) : null}
      <OpenHelp />
      <RecentFiles />
      <div className="home-section">
        <AboutPanel />
      </div>
    </main>
  )
}
