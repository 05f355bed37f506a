import { describeLintCounts } from '../../../../shared/model/document'
import { formatCount } from '../../lib/format'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'

/**
 * The toolbar's Lint toggle. Its numbers are main's count of the very findings the panel lists (the summary's
 * `lint`): errors and warnings in one badge, info apart (it is not a problem).
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
      className={`toggle ${open ? 'on' : ''}`}
      aria-pressed={open}
      aria-label={`Lint: ${described}${indexing ? ' (still indexing)' : ''}`}
      title={described}
      onClick={() => view.getState().togglePanel('lint')}
    >
      Lint
      {problems > 0 ? (
        <span className={`badge ${lint.error > 0 ? 'badge-error' : ''}`} data-testid="lint-problems">
          {formatCount(problems)}
          {indexing ? '…' : ''}
        </span>
      ) : null}
      {lint.info > 0 ? (
        <span className="badge badge-info" data-testid="lint-info">
          ℹ {formatCount(lint.info)}
        </span>
      ) : null}
    </button>
  )
}
