import './lint.css'
import { useCallback, useMemo } from 'react'
import type { LintIssue } from '../../../../shared/model/document'
import { useStores } from '../../stores/StoresContext'
import { useDocumentResource } from '../shared/useDocumentResource'
import { QuickFix } from './QuickFix'

const ICON: Record<LintIssue['severity'], string> = { error: '✖', warning: '⚠', info: 'ℹ' }
const ORDER: LintIssue['severity'][] = ['error', 'warning', 'info']

/** Every problem main found in the document, by severity; a click jumps to the message. */
export function LintPanel({ docId }: { docId: string }) {
  const stores = useStores()
  const fetchLint = useCallback((id: string) => stores.client.call('document.lint', { id }), [stores])
  const { data: issues, error, loading } = useDocumentResource(docId, fetchLint)
  const counts = useMemo(() => {
    const result = { error: 0, warning: 0, info: 0 }
    for (const issue of issues ?? []) result[issue.severity]++
    return result
  }, [issues])
  if (error) return <p role="alert">Could not lint this document: {error}</p>
  if (!issues) return <p aria-busy="true">Checking…</p>
  return (
    <div className="lint" aria-busy={loading}>
      <p className="lint-summary" role="status">
        {issues.length === 0
          ? 'No problems found.'
          : ORDER.filter((severity) => counts[severity] > 0)
              .map(
                (severity) =>
                  `${counts[severity]} ${severity}${counts[severity] === 1 ? '' : severity === 'info' ? '' : 's'}`,
              )
              .join(', ')}
      </p>
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
