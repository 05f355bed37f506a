import type { LintIssue, ToolResultLink } from '../../../../shared/model/document'
import type { EditCommand } from '../../../../shared/model/edit'
import { useEdit, useStores } from '../../stores/StoresContext'
import { quickFix, type QuickFixCommand } from '../editing/actions'

export interface Fix {
  /** The button's text. */
  label: string
  /** Its accessible name: what it does to which message. */
  name: string
  /** What it changes, in a sentence (the tooltip). */
  title: string
  command: QuickFixCommand
}

const numbers = (indices: number[]): string => indices.map((index) => `#${index}`).join(', ')

function linkFix(issue: LintIssue, links: ToolResultLink[]): Fix {
  const results = links.map((link) => link.resultIndex)
  const command: Extract<EditCommand, { op: 'linkToolResults' }> = { op: 'linkToolResults', indices: results }
  const title =
    "Sets each result's tool_call_id to the id of the unanswered call before it, in order (undoable)"
  if (issue.kind === 'orphan-tool-result') {
    const [link] = links
    return {
      label: `Link to call in #${link.callIndex}`,
      name: `Link tool result #${link.resultIndex} to call ${link.callId} in #${link.callIndex}`,
      title,
      command,
    }
  }
  const plural = results.length === 1 ? '' : 's'
  return {
    label: `Link result${plural} ${numbers(results)}`,
    name: `Link result${plural} ${numbers(results)} to the calls of #${issue.messageIndex}`,
    title,
    command,
  }
}

/**
 * The fixes for an issue, the one that keeps everything first: linking results to their calls comes before a
 * placeholder, and deleting a message — which says what it deletes — comes last.
 */
export function fixesFor(issue: LintIssue): Fix[] {
  const index = issue.messageIndex
  if (index === null) return []
  const fixes: Fix[] = issue.links?.length ? [linkFix(issue, issue.links)] : []
  switch (issue.kind) {
    case 'duplicate-system':
      fixes.push({
        label: 'Remove duplicate',
        name: `Remove duplicate system prompt #${index}`,
        title: `Deletes message #${index}, a copy of an earlier system prompt (undoable)`,
        command: { op: 'delete', indices: [index] },
      })
      break
    case 'orphan-tool-result':
      fixes.push({
        label: 'Delete result',
        name: `Delete tool result #${index} and its content`,
        title: `Deletes message #${index}, a tool result, with its content (undoable)`,
        command: { op: 'delete', indices: [index] },
      })
      break
    case 'unanswered-tool-call':
      fixes.push({
        label: 'Add placeholder result',
        name: `Add placeholder result for #${index}`,
        title: 'Inserts a tool result saying none was recorded (undoable)',
        command: { op: 'addPlaceholderResults', index },
      })
      break
  }
  return fixes
}

/** Every result the panel's issues can link, once each (one edit links them all). */
export function linkableResults(issues: readonly LintIssue[]): number[] {
  const results = new Set<number>()
  for (const issue of issues) for (const link of issue.links ?? []) results.add(link.resultIndex)
  return [...results].sort((a, b) => a - b)
}

/** Fixes are edits: offered once main has said the document can be edited (the edit bar asks). */
export const useCanFix = (docId: string): boolean => useEdit((edit) => edit.states[docId] !== undefined)

export function QuickFix({ docId, issue }: { docId: string; issue: LintIssue }) {
  const stores = useStores()
  const editable = useCanFix(docId)
  const fixes = fixesFor(issue)
  if (fixes.length === 0 || !editable) return null
  return (
    <span className="quick-fixes">
      {fixes.map((fix) => (
        <button
          key={fix.name}
          type="button"
          className="small quick-fix"
          aria-label={fix.name}
          title={fix.title}
          onClick={() => void quickFix(stores, docId, fix.command)}
        >
          {fix.label}
        </button>
      ))}
    </span>
  )
}
