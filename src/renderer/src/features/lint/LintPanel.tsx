import './lint.css'
import { useCallback, useMemo } from 'react'
import { countLintIssues, describeLintCounts, type LintIssue } from '../../../../shared/model/document'
import { useStores } from '../../stores/StoresContext'
import { quickFix } from '../editing/actions'
import { useDocumentResource } from '../shared/useDocumentResource'
import { linkableResults, QuickFix, useCanFix } from './QuickFix'

const ICON: Record<LintIssue['severity'], string> = { error: '✖', warning: '⚠', info: 'ℹ' }

/** One edit for the whole conversation: every tool result without tool_call_id gets its call's id. */
function LinkAll({ docId, issues }: { docId: string; issues: readonly LintIssue[] }) {
  const stores = useStores()
  const editable = useCanFix(docId)
  const results = linkableResults(issues)
  if (!editable || results.length < 2) return null
  return (
    <button
      type="button"
      className="small quick-fix"
      title="Sets each result's tool_call_id to the id of the unanswered call before it, in order: one undoable edit"
      onClick={() => void quickFix(stores, docId, { op: 'linkToolResults' })}
    >
      Link all {results.length} tool results to their calls
    </button>
  )
}

/** Every problem main found in the document, by severity; a click jumps to the message. */
export function LintPanel({ docId }: { docId: string }) {
  const stores = useStores()
  const fetchLint = useCallback((id: string) => stores.client.call('document.lint', { id }), [stores])
  const { data: issues, error, loading } = useDocumentResource(docId, fetchLint)
  const counts = useMemo(() => countLintIssues(issues ?? []), [issues])
  if (error) return <p role="alert">Could not lint this document: {error}</p>
  if (!issues) return <p aria-busy="true">Checking…</p>
  return (
    <div className="lint" aria-busy={loading}>
      <p className="lint-summary" role="status">
        {describeLintCounts(counts)}
      </p>
      <LinkAll docId={docId} issues={issues} />
      <ul className="issue-list" aria-label="Problems">
        {issues.map((issue, i) => {
          const text = (
            <>
              <span
                className={`severity-icon severity-${issue.severity}`}
                aria-label={issue.severity}
                role="img"
              >
                {ICON[issue.severity]}
              </span>
              <span className="issue-text">{issue.message}</span>
              <code className="muted issue-path">{issue.path}</code>
            </>
          )
          return (
            <li key={i} className={`issue severity-${issue.severity}`} data-kind={issue.kind}>
              {issue.messageIndex !== null ? (
                <button
                  type="button"
                  className="issue-button"
                  onClick={() => stores.view.getState().jumpTo(docId, issue.messageIndex as number)}
                >
                  {text}
                </button>
              ) : (
                <div className="issue-button static">{text}</div>
              )}
              <QuickFix docId={docId} issue={issue} />
            </li>
          )
        })}
      </ul>
    </div>
  )
}
