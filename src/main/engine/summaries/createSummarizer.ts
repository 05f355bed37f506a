import { extractiveSummarizer } from './extractiveSummarizer'
import { langswarmSummarizer } from './langswarmSummarizer'
import { createLlmSummarizer } from './llmSummarizer'
import type { LlmSettings } from '../llm/llmSettings'
import type { ConversationSummarizer, SummarizerId } from './summarizer'

/** The summarizer for an id; `llm` needs its settings (see resolveLlmSettings). */
export function createSummarizer(
  id: SummarizerId,
  llm?: { settings: LlmSettings; timeoutMs?: number },
): ConversationSummarizer {
  switch (id) {
    case 'extractive':
      return extractiveSummarizer
    case 'langswarm':
      return langswarmSummarizer
    case 'llm':
      if (!llm) throw new TypeError('the llm summarizer needs LLM settings')
      return createLlmSummarizer(llm.settings, llm.timeoutMs)
  }
}
