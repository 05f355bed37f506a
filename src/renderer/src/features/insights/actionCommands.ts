import type { EditCommand } from '../../../../shared/model/edit'
import type { ActionRunView, DocumentInsights } from '../../../../shared/domains/insights/model'

/** The redaction as one edit: each message with secrets replaced whole by its redacted JSON (keeps its id). */
export function redactionCommands(report: Pick<DocumentInsights, 'redacted'>): EditCommand[] {
  return report.redacted.map(({ index, json }) => ({ op: 'setMessageJson', index, json }))
}

/**
 * The edit an action's `run` makes, or null when it is not an edit (compaction preview, show messages). Tool calls
 * are removed from the last position up, so positions read before the edit still hold when each command applies.
 */
export function actionCommands(
  run: ActionRunView,
  report: Pick<DocumentInsights, 'redacted'>,
): EditCommand[] | null {
  switch (run.type) {
    case 'redact':
      return redactionCommands(report)
    case 'delete-messages':
      return run.messageIndices.length > 0 ? [{ op: 'delete', indices: [...run.messageIndices] }] : null
    case 'remove-tool-calls':
      return [...run.calls]
        .sort((a, b) => a.messageIndex - b.messageIndex || b.position - a.position)
        .map((call) => ({ op: 'removeToolCall', index: call.messageIndex, callIndex: call.position }))
    case 'compaction-preview':
    case 'show-messages':
      return null
  }
}

/** The button's words for an action. */
export function runLabel(run: ActionRunView): string {
  switch (run.type) {
    case 'redact':
      return 'Redact…'
    case 'delete-messages':
      return `Delete ${run.messageIndices.length === 1 ? 'it' : `these ${run.messageIndices.length}`}`
    case 'remove-tool-calls':
      return `Remove ${run.calls.length === 1 ? 'the call' : `${run.calls.length} calls`}`
    case 'compaction-preview':
      return 'Preview compaction'
    case 'show-messages':
      return 'Select messages'
  }
}
