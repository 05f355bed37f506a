import type { Message } from '../../../shared/model/langswarm'
import { ALL_FIELDS, fieldTexts } from '../conversations/views/conversationSearch'
import { toConversationDict } from '../conversations/sessions/storeSessionSource'
import type { MessageTexts } from './storeSearchIndex'

/**
 * A store message's texts by search field, as the document search reads the same message once it is open (a tool
 * result's `tool_call_id` and `name` are where `toConversationDict` puts them).
 */
export function messageTexts(message: Message): MessageTexts {
  const plain = toConversationDict(message)
  return ALL_FIELDS.map((field) => fieldTexts(plain, String(plain.role), field))
}
