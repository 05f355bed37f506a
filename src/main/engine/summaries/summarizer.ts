/**
 * One interface for every way the inspector summarises a conversation (MARSYS file or langswarm session), and
 * the ConversationSummary it produces.
 */
import { ConversationSummary } from '../../../shared/model/langswarm/conversationSummary'
import type { DateTimeInput } from '../../../shared/model/langswarm/utcDateTime'
import type { CompactionModel, WireMessage } from '../compaction/types'
import type { SummaryDraft } from '../langswarm/langswarmTemplateSummary'
import type { ChatProgress } from '../llm/chatCompletion'

export const SUMMARIZER_IDS = ['extractive', 'langswarm', 'llm'] as const
export type SummarizerId = (typeof SUMMARIZER_IDS)[number]

export interface SummarizeOptions {
  signal?: AbortSignal
  onProgress?: (progress: ChatProgress) => void
}

export interface ConversationSummarizer {
  readonly id: SummarizerId
  /** Null when this summarizer cannot summarise these messages (langswarm's needs five, with a user and an assistant). */
  summarize(messages: readonly WireMessage[], options?: SummarizeOptions): Promise<SummaryDraft | null>
  /** A stand-in for MARSYS's compaction model in a simulation, when this summarizer can be one. */
  compactionModel?(options?: SummarizeOptions): CompactionModel
}

export interface SummaryTimes {
  /** Used when the messages carry no `timestamp` (MARSYS files do not). */
  startTime?: DateTimeInput
  endTime?: DateTimeInput
  /** The summary's `created_at` (default: now). */
  createdAt?: DateTimeInput
}

const timestampOf = (message: WireMessage | undefined): string | undefined =>
  typeof message?.timestamp === 'string' ? message.timestamp : undefined

/**
 * Summarises `messages` into langswarm-memory's ConversationSummary: the summarizer's text and topics, the message
 * count, and the time range (from the messages' `timestamp` when they have one, else `times`, else now).
 * Null when the summarizer declines.
 */
export async function summarizeConversation(
  summarizer: ConversationSummarizer,
  messages: readonly WireMessage[],
  times: SummaryTimes = {},
  options: SummarizeOptions = {},
): Promise<ConversationSummary | null> {
  const draft = await summarizer.summarize(messages, options)
  if (draft === null) return null
  const now = new Date()
  const start = timestampOf(messages[0]) ?? times.startTime ?? times.endTime ?? now
  const end = timestampOf(messages[messages.length - 1]) ?? times.endTime ?? start
  return new ConversationSummary({
    summary: draft.summary,
    key_topics: draft.key_topics,
    message_count: messages.length,
    start_time: start,
    end_time: end,
    ...(times.createdAt === undefined ? {} : { created_at: times.createdAt }),
  })
}
