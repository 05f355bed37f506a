import type { LintIssue } from '../../../../shared/model/document'
import type { EditCommand } from '../../../../shared/model/edit'
import { useEdit, useStores } from '../../stores/StoresContext'
import { quickFix } from '../editing/actions'

type FixCommand = Extract<EditCommand, { op: 'delete' | 'addPlaceholderResults' }>

/** The one-click fix for an issue, when there is one: what it does, and the edit it sends. */
export function fixFor(issue: LintIssue): { label: string; name: string; command: FixCommand } | null {
  const index = issue.messageIndex
  if (index === null) return null
  switch (issue.kind) {
    case 'duplicate-system':
    case 'orphan-tool-result':
      return {
        label: 'Remove',
        name: `Remove message #${index}`,
        command: { op: 'delete', indices: [index] },
      }
    case 'unanswered-tool-call':
      return {
        label: 'Add placeholder result',
        name: `Add placeholder result for #${index}`,
        command: { op: 'addPlaceholderResults', index },
      }
    default:
      return null
  }
}

export function QuickFix({ docId, issue }: { docId: string; issue: LintIssue }) {
  const stores = useStores()
  // Fixes are edits: offered once main has said the document can be edited (the edit bar asks).
  const editable = useEdit((edit) => edit.states[docId] !== undefined)
  const fix = fixFor(issue)
  if (!fix || !editable) return null
  return (
    <button
      type="button"
      className="small quick-fix"
      aria-label={fix.name}
      title={
        fix.command.op === 'delete'
          ? 'Delete this message (undoable)'
          : 'Insert a tool result saying none was recorded (undoable)'
      }
      onClick={() => void quickFix(stores, docId, fix.command)}
    >
      {fix.label}
    </button>
  )
}
