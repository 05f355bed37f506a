import type {
  Diagnostic,
  LintCounts,
  LintIssue,
  MessageFlag,
  ToolResultLink,
} from '../../../../shared/model/document'
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

/** Finds the links that fix a flag: an orphan result's own, or every link to an unanswered call's message. */
function linkFinder(
  links: readonly ToolResultLink[],
): (flag: MessageFlag, index: number) => ToolResultLink[] {
  const byResult = new Map<number, ToolResultLink[]>()
  const byCall = new Map<number, ToolResultLink[]>()
  for (const link of links) {
    byResult.set(link.resultIndex, [link])
    const list = byCall.get(link.callIndex)
    if (list) list.push(link)
    else byCall.set(link.callIndex, [link])
  }
  return (flag, index) =>
    (flag === 'orphan-tool-result'
      ? byResult.get(index)
      : flag === 'unanswered-tool-call'
        ? byCall.get(index)
        : undefined) ?? []
}

type Severity = LintIssue['severity']
type LintInput = {
  index: ConversationIndex
  fileDiagnostics: { errors: Diagnostic[]; warnings: Diagnostic[] }
  problemsAt: (index: number) => MessageProblemView[]
}

/**
 * Every finding, in the panel's order: file-level problems first, then, message by message, its flags and what
 * MARSYS's loader rules say about it (computed on the current, possibly edited, messages). `sink` gets each one's
 * severity, and a way to build the issue when it lists them (counting builds none).
 */
function walkLint(
  { index, fileDiagnostics, problemsAt }: LintInput,
  sink: (severity: Severity, issue: () => LintIssue) => void,
  linksOf: (flag: MessageFlag, index: number) => ToolResultLink[] = () => [],
): void {
  for (const [severity, list] of [
    ['error', fileDiagnostics.errors],
    ['warning', fileDiagnostics.warnings],
  ] as const) {
    for (const diagnostic of list) {
      if (diagnostic.messageIndex !== undefined) continue
      sink(severity, () => ({
        kind: 'file',
        severity,
        message: diagnostic.message,
        messageIndex: null,
        path: diagnostic.path,
      }))
    }
  }
  for (let i = 0; i < index.built; i++) {
    const bits = index.flagBits[i]
    const problems = problemsAt(i)
    if (bits === 0 && problems.length === 0) continue
    for (const flag of flagsFromBits(bits)) {
      if (flag === 'marsys-unloadable') continue // reported below, one issue per problem, with its path
      const { severity, text } = DESCRIBE[flag]
      sink(severity, () => {
        const fixes = linksOf(flag, i)
        return {
          kind: flag,
          severity,
          message: text(i, index.roleOf(i)),
          messageIndex: i,
          path: `$.messages[${i}]`,
          ...(fixes.length > 0 ? { links: fixes } : {}),
        }
      })
    }
    for (const problem of problems) {
      sink(problem.severity, () => ({
        kind: problem.severity === 'error' ? 'marsys-unloadable' : 'file',
        severity: problem.severity,
        message: `Message #${i}: ${problem.message}`,
        messageIndex: i,
        path: `$.messages[${i}]${problem.subPath}`,
      }))
    }
  }
}

/**
 * The lint panel's list. `links` are the tool results without `tool_call_id` that can be paired with their calls
 * (`planToolResultLinks`), offered as fixes on their findings.
 */
export function lintDocument(input: LintInput, links: readonly ToolResultLink[] = []): LintIssue[] {
  const issues: LintIssue[] = []
  walkLint(input, (_, issue) => issues.push(issue()), linkFinder(links))
  return issues
}

/** How many findings `lintDocument` lists, by severity, without building them (the summary's `lint`). */
export function countLint(input: LintInput): LintCounts {
  const counts: LintCounts = { error: 0, warning: 0, info: 0 }
  walkLint(input, (severity) => counts[severity]++)
  return counts
}
