import './sidePanel.css'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { Splitter } from '../../components/Splitter'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'
import type { SidePanel as Panel } from '../../stores/viewStore'
import { AdditionalStatePanel } from '../additionalState/AdditionalStatePanel'
import { FactsPanel } from '../facts/FactsPanel'
import { hasFacts } from '../facts/hasFacts'
import { LintPanel } from '../lint/LintPanel'
import { CompactionPanel } from '../compaction/CompactionPanel'
import { InsightsPanel } from '../insights/InsightsPanel'
import { HandoffsPanel } from '../handoffs/HandoffsPanel'
import { SearchPanel } from '../search/SearchPanel'
import { TokensPanel } from '../tokens/TokensPanel'
import { SessionPanel } from '../sessions/SessionPanel'

const TITLE: Record<Panel, string> = {
  search: 'Search',
  lint: 'Lint',
  state: 'Agent state',
  facts: 'Facts',
  tokens: 'Tokens',
  compaction: 'Summary & compaction',
  insights: 'Insights',
  handoffs: 'Hand-offs',
}

/** The state panel of a session shows what the store keeps beside its messages. */
const titleOf = (panel: Panel, session: boolean): string =>
  panel === 'state' && session ? 'Session' : TITLE[panel]

/** The right-hand panel: search results, lint, additional_state or facts. */
export function SidePanel() {
  const { view } = useStores()
  const panel = useView((state) => state.panel)
  const width = useView((state) => state.panelWidth)
  const activeId = useDocuments((state) => state.activeId)
  const activeOk = useDocuments((state) =>
    state.activeId ? state.summaries[state.activeId]?.status === 'ok' : false,
  )
  const sessionId = useDocuments((state) =>
    state.activeId ? (state.summaries[state.activeId]?.sessionId ?? null) : null,
  )
  const activeHasFacts = useDocuments((state) =>
    state.activeId ? hasFacts(state.summaries[state.activeId]) : false,
  )
  if (!panel || (panel !== 'search' && !activeId)) return null
  // The Facts panel stays chosen but hidden on a document without facts, and shows again on the next kg file.
  if (panel === 'facts' && !activeHasFacts) return null
  const body = (() => {
    if (panel === 'search') return <SearchPanel />
    if (!activeId) return null
    if (!activeOk && panel !== 'lint') return <p className="empty-state">This file could not be parsed.</p>
    switch (panel) {
      case 'lint':
        return <LintPanel docId={activeId} />
      case 'state':
        return sessionId !== null ? (
          <SessionPanel docId={activeId} sessionId={sessionId} />
        ) : (
          <AdditionalStatePanel docId={activeId} />
        )
      case 'facts':
        return <FactsPanel docId={activeId} />
      case 'tokens':
        return <TokensPanel docId={activeId} />
      case 'compaction':
        return <CompactionPanel docId={activeId} />
      case 'insights':
        return <InsightsPanel docId={activeId} />
      case 'handoffs':
        return <HandoffsPanel docId={activeId} />
    }
  })()
  const title = titleOf(panel, sessionId !== null)
  return (
    <>
      <Splitter label="Resize side panel" value={width} onChange={view.getState().setPanelWidth} />
      <aside className="side-panel" aria-label={title} style={{ width }}>
        <header className="panel-header">
          <h2>{title}</h2>
          <button
            type="button"
            className="icon"
            aria-label={`Close ${title} panel`}
            onClick={() => view.getState().setPanel(null)}
          >
            ×
          </button>
        </header>
        <div className="panel-body">
          <ErrorBoundary what={`the ${title} panel`} resetKey={`${panel}:${activeId}`}>
            {body}
          </ErrorBoundary>
        </div>
      </aside>
    </>
  )
}
