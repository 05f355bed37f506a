import { describeLintCounts } from '../../../../shared/model/document'
import { formatCount } from '../../lib/format'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'
import { ToolbarLabel } from '../documents/ToolbarLabel'

/**
 * The toolbar's Lint toggle. Its numbers are main's count of the very findings the panel lists (the summary's
 * `lint`): errors and warnings in one badge, info apart (it is not a problem). The badges are hidden from assistive
 * technology and the counts said in words instead, after the visible "Lint", so the name holds the visible label.
 */
export function LintButton({ docId }: { docId: string }) {
  const { view } = useStores()
  const open = useView((state) => state.panel === 'lint')
  const lint = useDocuments((state) => state.summaries[docId]?.lint)
  const indexing = useDocuments((state) => state.summaries[docId]?.indexing ?? false)
  if (!lint) return null
  const problems = lint.error + lint.warning
  const described = describeLintCounts(lint)
  return (
    <button
      type="button"
      className={`toggle tool-button ${open ? 'on' : ''}`}
      aria-pressed={open}
      title={described}
      onClick={() => view.getState().togglePanel('lint')}
    >
      <ToolbarLabel icon="⚑" label="Lint" />
      {/* The leading space keeps "Lint" a word of its own however the name is computed. */}
      <span className="visually-hidden">{` (${described}${indexing ? ', still indexing' : ''})`}</span>
      {problems > 0 ? (
        <span
          className={`badge ${lint.error > 0 ? 'badge-error' : ''}`}
          data-testid="lint-problems"
          aria-hidden="true"
        >
          {formatCount(problems)}
          {indexing ? '…' : ''}
        </span>
      ) : null}
      {lint.info > 0 ? (
        <span className="badge badge-info" data-testid="lint-info" aria-hidden="true">
          ℹ {formatCount(lint.info)}
        </span>
      ) : null}
    </button>
  )
}
