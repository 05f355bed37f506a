import type { Diagnostic, LintIssue, MessageFlag, ToolResultLink } from '../../../../shared/model/document'
import type { ConversationIndex } from '../index/conversationIndex'
import { flagsFromBits } from '../index/flags'
import type { MessageProblemView } from '../index/messageAnalysis'

const DESCRIBE: Record<
  MessageFlag,
  { severity: LintIssue['severity']; text: (index: number, role: string) => string }
> = {
  'orphan-tool-result': {
    severity: 'warning',
    text: (i) => `Tool result #${i} answers no earlier tool call (missing or unknown tool_call_id)`,
  },
  'unanswered-tool-call': {
    severity: 'warning',
    text: (i) => `Message #${i} makes a tool call that no later tool message answers`,
  },
  'system-not-first': { severity: 'warning', text: (i) => `System message #${i} is not the first message` },
  'duplicate-system': {
    severity: 'warning',
    text: (i) => `System message #${i} repeats an earlier one (MARSYS's loader duplicates the system prompt)`,
  },
  'same-role-as-previous': {
    severity: 'info',
    text: (i, role) => `Message #${i} is a second ${role} turn in a row`,
  },
  empty: { severity: 'info', text: (i) => `Message #${i} is empty (no content, no tool calls)` },
  'marsys-unloadable': { severity: 'error', text: (i) => `MARSYS's loader would refuse message #${i}` },
  'not-an-object': {
    severity: 'warning',
    text: (i) => `Entry #${i} is not an object; MARSYS skips it when loading`,
  },
}

/** The links that fix a flag: an orphan result's own, or every link to an unanswered call's message. */
function linksFor(flag: MessageFlag, index: number, links: readonly ToolResultLink[]): ToolResultLink[] {
  if (flag === 'orphan-tool-result') return links.filter((link) => link.resultIndex === index)
  if (flag === 'unanswered-tool-call') return links.filter((link) => link.callIndex === index)
  return []
}

/**
 * The lint panel: file-level problems first, then, message by message, its flags and what MARSYS's loader rules
 * say about it (problems are computed on the current, possibly edited, messages). `links` are the tool results
 * without `tool_call_id` that can be paired with their calls (`planToolResultLinks`), offered as fixes.
 */
export function lintDocument(
  index: ConversationIndex,
  fileDiagnostics: { errors: Diagnostic[]; warnings: Diagnostic[] },
  problemsAt: (index: number) => MessageProblemView[],
  links: readonly ToolResultLink[] = [],
): LintIssue[] {
  const issues: LintIssue[] = []
  for (const [severity, list] of [
    ['error', fileDiagnostics.errors],
    ['warning', fileDiagnostics.warnings],
  ] as const) {
    for (const diagnostic of list) {
      if (diagnostic.messageIndex !== undefined) continue
      issues.push({
        kind: 'file',
        severity,
        message: diagnostic.message,
        messageIndex: null,
        path: diagnostic.path,
      })
    }
  }
  for (let i = 0; i < index.built; i++) {
    const bits = index.flagBits[i]
    const problems = problemsAt(i)
    for (const flag of flagsFromBits(bits)) {
      if (flag === 'marsys-unloadable') continue // reported below, one issue per problem, with its path
      const { severity, text } = DESCRIBE[flag]
      const fixes = linksFor(flag, i, links)
      issues.push({
        kind: flag,
        severity,
        message: text(i, index.roleOf(i)),
        messageIndex: i,
        path: `$.messages[${i}]`,
        ...(fixes.length > 0 ? { links: fixes } : {}),
      })
    }
    for (const problem of problems) {
      issues.push({
        kind: problem.severity === 'error' ? 'marsys-unloadable' : 'file',
        severity: problem.severity,
        message: `Message #${i}: ${problem.message}`,
        messageIndex: i,
        path: `$.messages[${i}]${problem.subPath}`,
      })
    }
  }
  return issues
}
