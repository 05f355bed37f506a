/**
 * Summaries for langswarm-memory sessions: session messages in the shape the summarizers read, and any
 * summarizer as the `Summarizer` a MemorySession takes (its "Summarize now" and auto-summaries then use it).
 */
import type { Message } from '../../../shared/model/langswarm/message'
import type { WireMessage } from '../compaction/types'
import type { Summarizer } from '../langswarm/langswarmTemplateSummary'
import type { ConversationSummarizer, SummarizeOptions } from './summarizer'

/** role, content, name, tool_call_id, tool_calls and the message's timestamp (for the summary's time range). */
export function sessionMessagesForSummary(messages: readonly Message[]): WireMessage[] {
  return messages.map((m) => {
    const wire: WireMessage = { role: m.role, content: m.content, timestamp: m.timestamp.toIsoString() }
    if (m.name) wire.name = m.name
    if (m.toolCallId) wire.tool_call_id = m.toolCallId
    if (m.tool_calls && m.tool_calls.length > 0) wire.tool_calls = m.tool_calls
    return wire
  })
}

/** `summarizer` as a MemorySession summarizer. */
export function asSessionSummarizer(
  summarizer: ConversationSummarizer,
  options: SummarizeOptions = {},
): Summarizer {
  return (messages) => summarizer.summarize(sessionMessagesForSummary(messages), options)
}
