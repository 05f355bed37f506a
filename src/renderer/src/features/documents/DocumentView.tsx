import { useEffect } from 'react'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { formatBytes, formatCount } from '../../lib/format'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'
import { viewOf, type SidePanel, type ViewMode } from '../../stores/viewStore'
import { DiskBanner } from '../editing/DiskBanner'
import { EditBar } from '../editing/EditBar'
import { ErrorView } from '../errorView/ErrorView'
import { LintButton } from '../lint/LintButton'
import { NotAMemoryView } from '../notAMemory/NotAMemoryView'
import { ExportButton } from '../migration/ExportButton'
import { CompareButtons } from '../compare/CompareButtons'
import { MessageTableView } from '../messageTable/MessageTableView'
import { TimelineView } from '../timeline/TimelineView'

const MODES: { mode: ViewMode; label: string }[] = [
  { mode: 'timeline', label: 'Timeline' },
  { mode: 'table', label: 'Table' },
]

function PanelButton({ panel, label, badge }: { panel: SidePanel; label: string; badge?: number }) {
  const { view } = useStores()
  const open = useView((state) => state.panel === panel)
  return (
    <button
      type="button"
      className={`toggle ${open ? 'on' : ''}`}
      aria-pressed={open}
      onClick={() => view.getState().togglePanel(panel)}
    >
      {label}
      {badge ? <span className="badge">{formatCount(badge)}</span> : null}
    </button>
  )
}

/** One open document: its stats, the Timeline/Table toggle, and the view — or its error view when it did not parse. */
export function DocumentView({ docId }: { docId: string }) {
  const { view } = useStores()
  const summary = useDocuments((state) => state.summaries[docId])
  const mode = useView((state) => viewOf(state, docId).mode)
  const markdown = useView((state) => viewOf(state, docId).markdown)
  const isKg = summary?.memoryType === 'kg'
  const isSession = summary?.source === 'session'

  // A kg memory opens with its facts table next to the messages.
  useEffect(() => {
    const state = view.getState()
    if (isKg && !state.views[docId]) {
      state.patch(docId, {})
      if (state.panel === null) state.setPanel('facts')
    }
  }, [isKg, docId, view])

  if (!summary) return null
  return (
    <main className="doc" aria-labelledby="doc-title">
      <div className="doc-toolbar">
        <h2 id="doc-title" title={summary.path}>
          {summary.name}
        </h2>
        {summary.notAMemory ? (
          <span className="chip severity-warning" title={summary.notAMemory}>
            not a MARSYS memory
          </span>
        ) : summary.status === 'ok' ? (
          <>
            {isSession ? (
              <span className="chip" title="A session of the session store">
                session
              </span>
            ) : (
              <span className="chip" title="memory_type">
                {summary.memoryType ?? 'no memory_type'}
              </span>
            )}
            <span className="stat" data-testid="message-count">
              {summary.loading
                ? `${formatCount(summary.messageCount)}+ messages (counting…)`
                : `${formatCount(summary.messageCount)} messages`}
            </span>
            <span className="stat" title="MARSYS's own estimate (DefaultTokenCounter)">
              {formatCount(summary.marsysTokens)} MARSYS tokens{summary.indexing ? '…' : ''}
            </span>
            {isSession ? null : <span className="stat muted">{formatBytes(summary.bytes)}</span>}
            {!summary.marsysLoadable ? (
              <span className="chip severity-error">
                {isSession ? 'the store refuses a message' : <>MARSYS can&apos;t load it</>}
              </span>
            ) : null}
            <div className="segmented" role="group" aria-label="View">
              {MODES.map(({ mode: value, label }) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={mode === value}
                  onClick={() => view.getState().setMode(docId, value)}
                >
                  {label}
                </button>
              ))}
            </div>
            <button
              type="button"
              className={`toggle ${markdown ? 'on' : ''}`}
              aria-pressed={markdown}
              onClick={() => view.getState().patch(docId, { markdown: !markdown })}
            >
              Markdown
            </button>
          </>
        ) : (
          <span className="chip severity-error">cannot be parsed</span>
        )}
        <span className="spacer" />
        <LintButton docId={docId} />
        <PanelButton panel="state" label={isSession ? 'Session' : 'Agent state'} />
        {isKg ? <PanelButton panel="facts" label="Facts" /> : null}
        <PanelButton panel="tokens" label="Tokens" />
        <PanelButton panel="compaction" label="Summary" />
        <PanelButton panel="insights" label="Insights" />
        <PanelButton panel="handoffs" label="Hand-offs" />
        <PanelButton panel="search" label="Search" />
        <ExportButton docId={docId} />
        <CompareButtons docId={docId} />
      </div>
      {summary.status === 'ok' && !summary.notAMemory ? (
        <>
          <EditBar docId={docId} />
          <DiskBanner docId={docId} />
        </>
      ) : null}
      <ErrorBoundary what={`the ${mode}`} resetKey={`${docId}:${mode}:${summary.revision}`}>
        {summary.status === 'error' ? (
          <ErrorView docId={docId} />
        ) : summary.notAMemory ? (
          <NotAMemoryView docId={docId} />
        ) : mode === 'timeline' ? (
          <TimelineView docId={docId} />
        ) : (
          <MessageTableView docId={docId} />
        )}
      </ErrorBoundary>
    </main>
  )
}
