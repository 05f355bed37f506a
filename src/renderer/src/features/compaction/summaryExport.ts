import type { ConversationSummaryDict } from '../../../../shared/model/langswarm/conversationSummary'

/** The summary as Markdown, for copying and the .md download. */
export function summaryMarkdown(summary: ConversationSummaryDict, documentName: string): string {
  const topics = summary.key_topics.length > 0 ? summary.key_topics.join(', ') : '(none)'
  return [
    `# Summary of ${documentName}`,
    '',
    summary.summary,
    '',
    `**Key topics:** ${topics}`,
    '',
    `- Messages: ${summary.message_count}`,
    `- From ${summary.start_time} to ${summary.end_time}`,
    `- Made ${summary.created_at} (summary_id ${summary.summary_id})`,
    '',
  ].join('\n')
}

/** The message "Insert as message" adds: a user message, as MARSYS's own summaries are. */
export function summaryMessageJson(summary: ConversationSummaryDict): string {
  const topics = summary.key_topics.length > 0 ? `\n\nKey topics: ${summary.key_topics.join(', ')}` : ''
  return JSON.stringify({ role: 'user', content: `[Conversation Summary]\n${summary.summary}${topics}` })
}

/** `memory.json` → `memory.summary`. */
export const exportBaseName = (documentName: string): string =>
  `${documentName.replace(/\.json$/i, '').replace(/[^\w.-]+/g, '_') || 'conversation'}.summary`
