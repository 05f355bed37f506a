import './docToolbar.css'
import { useEffect } from 'react'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { formatBytes, formatCount } from '../../lib/format'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'
import { viewOf, type SidePanel, type ViewMode } from '../../stores/viewStore'
import { DiskBanner } from '../editing/DiskBanner'
import { EditBar } from '../editing/EditBar'
import { ErrorView } from '../errorView/ErrorView'
import { hasFacts } from '../facts/hasFacts'
import { LintButton } from '../lint/LintButton'
import { NotAMemoryView } from '../notAMemory/NotAMemoryView'
import { ExportButton } from '../migration/ExportButton'
import { CompareButtons } from '../compare/CompareButtons'
import { MessageTableView } from '../messageTable/MessageTableView'
import { TimelineView } from '../timeline/TimelineView'
import { ToolbarLabel } from './ToolbarLabel'

const MODES: { mode: ViewMode; label: string }[] = [
  { mode: 'timeline', label: 'Timeline' },
  { mode: 'table', label: 'Table' },
]

/**
 * A side panel's toggle: icon and label, and only the icon when the toolbar is narrow (ToolbarLabel), so the
 * toolbar keeps to one line with a side panel open. Without an icon the label always shows.
 */
function PanelButton({ panel, label, icon }: { panel: SidePanel; label: string; icon?: string }) {
  const { view } = useStores()
  const open = useView((state) => state.panel === panel)
  return (
    <button
      type="button"
      className={`toggle tool-button ${open ? 'on' : ''}`}
      aria-pressed={open}
      title={label}
      onClick={() => view.getState().togglePanel(panel)}
    >
      {icon ? <ToolbarLabel icon={icon} label={label} /> : label}
    </button>
  )
}

/** One open document: its stats, the Timeline/Table toggle, and the view — or its error view when it did not parse. */
export function DocumentView({ docId }: { docId: string }) {
  const { view } = useStores()
  const summary = useDocuments((state) => state.summaries[docId])
  const mode = useView((state) => viewOf(state, docId).mode)
  const markdown = useView((state) => viewOf(state, docId).markdown)
  const withFacts = hasFacts(summary)
  const isSession = summary?.source === 'session'

  // A kg memory opens with its facts table next to the messages.
  useEffect(() => {
    const state = view.getState()
    if (withFacts && !state.views[docId]) {
      state.patch(docId, {})
      if (state.panel === null) state.setPanel('facts')
    }
  }, [withFacts, docId, view])

  if (!summary) return null
  return (
    <main className="doc" aria-labelledby="doc-title">
      <div className="doc-toolbar">
        <h2 id="doc-title" className="doc-name" title={summary.path}>
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
              <span className="chip" title={`memory_type: ${summary.memoryType ?? 'none'}`}>
                {summary.memoryType ?? 'no memory_type'}
              </span>
            )}
            <span className="stat" data-testid="message-count">
              {summary.loading
                ? `${formatCount(summary.messageCount)}+ messages (counting…)`
                : `${formatCount(summary.messageCount)} messages`}
            </span>
            <span className="stat" title="MARSYS's own estimate (DefaultTokenCounter)">
              {formatCount(summary.marsysTokens)} <span className="wide-only">MARSYS </span>tokens
              {summary.marsysTokensFinal ? '' : '…'}
            </span>
            {isSession ? null : <span className="stat muted wide-only">{formatBytes(summary.bytes)}</span>}
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
              className={`toggle tool-button ${markdown ? 'on' : ''}`}
              aria-pressed={markdown}
              title="Markdown"
              onClick={() => view.getState().patch(docId, { markdown: !markdown })}
            >
              <ToolbarLabel icon="M↓" label="Markdown" />
            </button>
          </>
        ) : (
          <span className="chip severity-error">cannot be parsed</span>
        )}
        <span className="spacer" />
        <LintButton docId={docId} />
        <PanelButton panel="state" label={isSession ? 'Session' : 'Agent state'} icon="☰" />
        {withFacts ? <PanelButton panel="facts" label="Facts" icon="∴" /> : null}
        <PanelButton panel="tokens" label="Tokens" icon="#" />
        <PanelButton panel="compaction" label="Summary" icon="∑" />
        <PanelButton panel="insights" label="Insights" icon="◔" />
        <PanelButton panel="handoffs" label="Hand-offs" icon="⇄" />
        <PanelButton panel="search" label="Search" icon="⌕" />
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
