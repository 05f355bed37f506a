/**
 * `IMemoryProvider.suggest_actions`: what to fix first. Each action has a machine-readable `kind`, the message
 * indices it is about, and `run`: what one click does in the app (an undoable edit, a compaction preview, a
 * redaction) or just where to look.
 */
import type { ConversationAnalysis } from './analyzeConversation'
import type { RedactionEdit, SecretScan } from './redaction'

export type ActionKind =
  | 'redact-secrets'
  | 'compact'
  | 'remove-orphan-results'
  | 'resolve-unanswered-calls'
  | 'review-failing-tool'
  | 'break-tool-loop'
  | 'review-handoff-problems'
  | 'review-errors'
  | 'review-refusals'

export type ActionRun =
  /** Replace strings at these paths (one undoable edit). */
  | { type: 'redact'; edits: RedactionEdit[] }
  /** Show what MARSYS's compaction would do at this threshold. */
  | { type: 'compaction-preview'; thresholdTokens: number; totalTokens: number }
  /** Delete these messages (one undoable edit). */
  | { type: 'delete-messages'; messageIndices: number[] }
  /** Remove these tool calls from their messages (one undoable edit). */
  | { type: 'remove-tool-calls'; calls: { messageIndex: number; callId: string; position: number }[] }
  /** Nothing to run: select these messages. */
  | { type: 'show-messages'; messageIndices: number[] }

export interface SuggestedAction {
  /** Stable within one analysis: the kind and the first message index (and tool, where there is one). */
  id: string
  kind: ActionKind
  severity: 'high' | 'medium' | 'low'
  /** One line, e.g. "compact: 82% of the threshold used". */
  title: string
  detail: string
  messageIndices: number[]
  run: ActionRun
}

export interface SuggestOptions {
  /** Suggest compaction from this share of the threshold (default 0.8). */
  compactAtRatio?: number
  /** A tool failing this many times in a row is worth a look (default 3). */
  failureStreakMin?: number
  /** A `kg` memory has no compaction. */
  memoryType?: string | null
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 }
const unique = (indices: number[]): number[] => [...new Set(indices)].sort((a, b) => a - b)

export function suggestActions(
  analysis: ConversationAnalysis,
  secrets: SecretScan,
  options: SuggestOptions = {},
): SuggestedAction[] {
  const actions: SuggestedAction[] = []
  const add = (action: Omit<SuggestedAction, 'id'>, idPart: string | number) =>
    actions.push({ id: `${action.kind}:${idPart}`, ...action })

  if (secrets.findings.length > 0) {
    const kinds = Object.entries(secrets.byKind)
      .map(([kind, n]) => `${kind} ×${n}`)
      .join(', ')
    add(
      {
        kind: 'redact-secrets',
        severity: 'high',
        title: `secret-looking strings in ${plural(secrets.messageIndices.length, 'message')} (API keys, tokens, passwords)`,
        detail: `${plural(secrets.findings.length, 'match', 'matches')}: ${kinds}. Redact before sharing the file.`,
        messageIndices: secrets.messageIndices,
        run: { type: 'redact', edits: secrets.edits },
      },
      secrets.messageIndices[0],
    )
  }

  const tokens = analysis.tokens
  const compactAt = options.compactAtRatio ?? 0.8
  if (options.memoryType !== 'kg' && tokens.thresholdTokens > 0 && tokens.thresholdUsed >= compactAt) {
    const percent = Math.round(tokens.thresholdUsed * 100)
    const over = tokens.total > tokens.thresholdTokens
    add(
      {
        kind: 'compact',
        severity: over ? 'high' : 'medium',
        title: `compact: ${percent}% of the threshold used`,
        detail: `${tokens.total.toLocaleString('en-US')} of ${tokens.thresholdTokens.toLocaleString('en-US')} tokens (MARSYS count)${
          over ? '; MARSYS compacts at the next step' : ''
        }. Largest: ${tokens.largest
          .slice(0, 3)
          .map((m) => `#${m.messageIndex} (${m.tokens})`)
          .join(', ')}.`,
        messageIndices: tokens.largest.map((m) => m.messageIndex),
        run: {
          type: 'compaction-preview',
          thresholdTokens: tokens.thresholdTokens,
          totalTokens: tokens.total,
        },
      },
      0,
    )
  }

  // A kg memory's messages are rendered facts: a `tool` fact answers no call, and that is no problem.
  const chat = options.memoryType !== 'kg'
  const orphans = analysis.tools.orphanResults
  if (chat && orphans.length > 0) {
    const indices = orphans.map((orphan) => orphan.messageIndex)
    add(
      {
        kind: 'remove-orphan-results',
        severity: 'medium',
        title: `${plural(orphans.length, 'orphan tool result')}`,
        detail: `Tool results answering no earlier call (${indices.map((i) => `#${i}`).join(', ')}); providers reject them.`,
        messageIndices: indices,
        run: { type: 'delete-messages', messageIndices: indices },
      },
      indices[0],
    )
  }

  const unanswered = analysis.tools.unanswered
  if (chat && unanswered.length > 0) {
    const indices = unique(unanswered.map((call) => call.messageIndex))
    add(
      {
        kind: 'resolve-unanswered-calls',
        severity: 'medium',
        title: `${plural(unanswered.length, 'unanswered tool call')}`,
        detail: `Calls no tool message answers: ${unanswered.map((c) => `${c.tool} in #${c.messageIndex}`).join(', ')}.`,
        messageIndices: indices,
        run: {
          type: 'remove-tool-calls',
          calls: unanswered.map(({ messageIndex, callId, position }) => ({ messageIndex, callId, position })),
        },
      },
      indices[0],
    )
  }

  const streakMin = options.failureStreakMin ?? 3
  for (const tool of analysis.tools.byTool) {
    const streak = tool.longestFailureStreak
    if (streak === null) continue
    const inARow = streak.length >= streakMin
    const indices = unique([...streak.callIndices, ...streak.resultIndices])
    add(
      {
        kind: 'review-failing-tool',
        severity: inARow ? 'high' : 'low',
        title: inARow
          ? `tool ${tool.tool} failed ${streak.length} times in a row`
          : `tool ${tool.tool} failed ${plural(tool.failures, 'time')} of ${tool.calls}`,
        detail: `Failed results: ${tool.failureResultIndices.map((i) => `#${i}`).join(', ')}.`,
        messageIndices: inARow ? indices : tool.failureResultIndices,
        run: { type: 'show-messages', messageIndices: inARow ? indices : tool.failureResultIndices },
      },
      `${tool.tool}:${streak.resultIndices[0]}`,
    )
  }

  for (const loop of analysis.tools.loops) {
    add(
      {
        kind: 'break-tool-loop',
        severity: loop.longestRun >= 3 ? 'high' : 'medium',
        title: `${loop.tool} called ${loop.count} times with the same arguments`,
        detail: `Arguments ${loop.arguments}; ${loop.longestRun} in a row at most. Likely a loop.`,
        messageIndices: loop.callIndices,
        run: { type: 'show-messages', messageIndices: loop.callIndices },
      },
      `${loop.tool}:${loop.callIndices[0]}`,
    )
  }

  const handoffProblems = analysis.handoffs.problems
  if (handoffProblems.length > 0) {
    const indices = unique(handoffProblems.map((p) => p.messageIndex))
    add(
      {
        kind: 'review-handoff-problems',
        severity: 'medium',
        title: `${plural(handoffProblems.length, 'hand-off')} MARSYS cannot read`,
        detail: handoffProblems.map((p) => `#${p.messageIndex}: ${p.problem}`).join('; '),
        messageIndices: indices,
        run: { type: 'show-messages', messageIndices: indices },
      },
      indices[0],
    )
  }

  for (const kind of ['error', 'refusal'] as const) {
    const issues = analysis.contentIssues.filter((issue) => issue.kind === kind)
    if (issues.length === 0) continue
    const indices = issues.map((issue) => issue.messageIndex)
    add(
      {
        kind: kind === 'error' ? 'review-errors' : 'review-refusals',
        severity: 'low',
        title: `${plural(issues.length, kind === 'error' ? 'message reports an error' : 'refusal', kind === 'error' ? 'messages report errors' : 'refusals')}`,
        detail: issues
          .slice(0, 5)
          .map((issue) => `#${issue.messageIndex} (${issue.rule}): ${issue.excerpt}`)
          .join('\n'),
        messageIndices: indices,
        run: { type: 'show-messages', messageIndices: indices },
      },
      indices[0],
    )
  }

  return actions.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
}
