/** langswarm-memory's own template summary ("Conversation with N user messages…"), unchanged, for compatibility. */
import { MessageRole } from '../../../shared/model/langswarm/enums'
import { Message } from '../../../shared/model/langswarm/message'
import { extractiveSummarizer as langswarmTemplate } from '../langswarm/langswarmTemplateSummary'
import { textOf } from './messageText'
import type { ConversationSummarizer } from './summarizer'

const ROLES = new Set<string>(Object.values(MessageRole))

export const langswarmSummarizer: ConversationSummarizer = {
  id: 'langswarm',
  summarize: async (messages) =>
    langswarmTemplate(
      messages.map(
        (m) =>
          new Message({
            // langswarm's summary only counts user and assistant messages; other roles still add their words.
            role:
              typeof m.role === 'string' && ROLES.has(m.role)
                ? (m.role as MessageRole)
                : MessageRole.FUNCTION,
            content: textOf(m.content),
            ...(typeof m.timestamp === 'string' ? { timestamp: m.timestamp } : {}),
          }),
      ),
    ),
}
