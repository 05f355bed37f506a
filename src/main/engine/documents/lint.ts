import type { Diagnostic, LintIssue, MessageFlag } from '../../../shared/model/document'
import type { DocumentIndex } from './documentIndex'
import { flagsFromBits } from './flags'

const DESCRIBE: Record<MessageFlag, { severity: LintIssue['severity']; text: (index: number, role: string) => string }> = {
  'orphan-tool-result': { severity: 'warning', text: (i) => `Tool result #${i} answers no earlier tool call (missing or unknown tool_call_id)` },
  'unanswered-tool-call': { severity: 'warning', text: (i) => `Message #${i} makes a tool call that no later tool message answers` },
  'system-not-first': { severity: 'warning', text: (i) => `System message #${i} is not the first message` },
  'duplicate-system': {
    severity: 'warning',
    text: (i) => `System message #${i} repeats an earlier one (MARSYS's loader duplicates the system prompt)`,
  },
  'same-role-as-previous': { severity: 'info', text: (i, role) => `Message #${i} is a second ${role} turn in a row` },
  empty: { severity: 'info', text: (i) => `Message #${i} is empty (no content, no tool calls)` },
  'marsys-unloadable': { severity: 'error', text: (i) => `MARSYS's loader would refuse message #${i}` },
  'not-an-object': { severity: 'warning', text: (i) => `Entry #${i} is not an object; MARSYS skips it when loading` },
}

/** The lint panel: every flagged message, then the file-level problems the codec found, in file order. */
export function lintDocument(index: DocumentIndex, diagnostics: { errors: Diagnostic[]; warnings: Diagnostic[] }): LintIssue[] {
  const issues: LintIssue[] = []
  for (const diagnostic of [...diagnostics.errors, ...diagnostics.warnings]) {
    if (diagnostic.messageIndex !== undefined) continue
    issues.push({
      kind: 'file',
      severity: diagnostics.errors.includes(diagnostic) ? 'error' : 'warning',
      message: diagnostic.message,
      messageIndex: null,
      path: diagnostic.path,
    })
  }
  for (let i = 0; i < index.built; i++) {
    const bits = index.flagBits[i]
    if (bits === 0) continue
    for (const flag of flagsFromBits(bits)) {
      const { severity, text } = DESCRIBE[flag]
      const detail = flag === 'marsys-unloadable' ? diagnostics.errors.find((d) => d.messageIndex === i)?.message : undefined
      issues.push({
        kind: flag,
        severity,
        message: detail ? `${text(i, index.roleOf(i))}: ${detail}` : text(i, index.roleOf(i)),
        messageIndex: i,
        path: `$.messages[${i}]`,
      })
    }
  }
  return issues
}
