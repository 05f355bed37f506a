/**
 * `IMemoryProvider.analyze_conversation` (langswarm-memory spec §12 has no implementation to follow): what
 * happened in one conversation, every figure with the message indices behind it. Pure, over plain messages.
 */
import { DefaultTokenCounter, type TokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import { contentSignals, type ContentSignalKind } from './contentSignals'
import { analyzeHandoffs, type HandoffAnalysis } from './handoffs'
import { viewMessages } from './messageView'
import { timeFigures, type TimeFigures } from './timeGaps'
import { analyzeToolUsage, type ToolUsage } from './toolUsage'
import { pairToolCalls } from './toolPairing'
import { splitTurns, tokenFigures, type TokenFigures, type Turn } from './turns'

export const DEFAULT_THRESHOLD_TOKENS = 150_000

export interface AnalyzeOptions {
  /** MARSYS's compaction threshold (`ManagedMemoryConfig.threshold_tokens`, default 150,000). */
  thresholdTokens?: number
  /** Tokens per `image_url` part for the MARSYS counter (default 800). */
  imageTokenEstimate?: number
  /** Another counter with MARSYS's interface (e.g. a managed memory's configured one). */
  tokenCounter?: TokenCounter
  /** Identical calls repeated this many times are reported as a loop (default 3). */
  loopMinRepeats?: number
  /** Time gaps at least this long are listed (default 600 s). */
  minGapSeconds?: number
}

export interface ContentIssue {
  kind: ContentSignalKind
  messageIndex: number
  role: string
  rule: string
  excerpt: string
}

export interface ConversationAnalysis {
  messageCount: number
  /** Entries that are not objects (MARSYS skips them). */
  nonObjectIndices: number[]
  roles: Record<string, { count: number; messageIndices: number[] }>
  turns: Turn[]
  tools: ToolUsage
  handoffs: HandoffAnalysis
  tokens: TokenFigures
  /** Errors and refusals in the text of non-tool messages (tool results are judged in `tools.failures`). */
  contentIssues: ContentIssue[]
  /** Null when fewer than two messages carry a timestamp. */
  time: TimeFigures | null
}

export function analyzeConversation(
  messages: readonly unknown[],
  options: AnalyzeOptions = {},
): ConversationAnalysis {
  const views = viewMessages(messages)
  const counter =
    options.tokenCounter ?? new DefaultTokenCounter({ imageTokenEstimate: options.imageTokenEstimate })
  const perMessage = views.map((view) => (view.isObject ? counter.countMessage(messages[view.index]) : 0))
  const roles: ConversationAnalysis['roles'] = {}
  const contentIssues: ContentIssue[] = []
  for (const view of views) {
    const role = (roles[view.role] ??= { count: 0, messageIndices: [] })
    role.count++
    role.messageIndices.push(view.index)
    if (view.role === 'tool' || !view.isObject) continue
    for (const signal of contentSignals(view.text))
      contentIssues.push({
        kind: signal.kind,
        messageIndex: view.index,
        role: view.role,
        rule: signal.rule,
        excerpt: signal.excerpt,
      })
  }
  const pairing = pairToolCalls(views)
  return {
    messageCount: messages.length,
    nonObjectIndices: views.filter((view) => !view.isObject).map((view) => view.index),
    roles,
    turns: splitTurns(views, perMessage),
    tools: analyzeToolUsage(views, { loopMinRepeats: options.loopMinRepeats ?? 3 }, pairing),
    handoffs: analyzeHandoffs(views, messages, pairing),
    tokens: tokenFigures(views, perMessage, options.thresholdTokens ?? DEFAULT_THRESHOLD_TOKENS),
    contentIssues,
    time: timeFigures(views, options.minGapSeconds ?? 600),
  }
}
