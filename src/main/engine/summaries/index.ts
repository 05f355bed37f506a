/** Summaries of conversations (MARSYS files and langswarm sessions) with a pluggable summarizer. */
export {
  SUMMARIZER_IDS,
  summarizeConversation,
  type ConversationSummarizer,
  type SummarizeOptions,
  type SummarizerId,
  type SummaryTimes,
} from './summarizer'
export { createSummarizer } from './createSummarizer'
export { extractiveSummarizer, extractiveCompactionModel } from './extractiveSummarizer'
export { langswarmSummarizer } from './langswarmSummarizer'
export { createLlmSummarizer } from './llmSummarizer'
export { asSessionSummarizer, sessionMessagesForSummary } from './sessionSummaries'
