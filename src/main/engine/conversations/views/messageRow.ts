import type { MessageRow } from '../../../../shared/model/document'
import type { ConversationIndex } from '../index/conversationIndex'
import { flagsFromBits } from '../index/flags'
import { isRecord, previewOf, toolCallsOf } from '../index/messageFacts'

/** One row of the message table: what the index knows, plus a one-line preview read from the message itself. */
export function buildMessageRow(
  id: number,
  index: number,
  plain: unknown,
  documentIndex: ConversationIndex,
): MessageRow {
  const record = isRecord(plain) ? plain : null
  return {
    id,
    index,
    role: documentIndex.roleOf(index),
    name: documentIndex.nameOf(index),
    preview: previewOf(plain),
    tokens: documentIndex.tokens[index],
    toolCallNames: record ? toolCallsOf(record).map((call) => call.name) : [],
    toolCallId: typeof record?.tool_call_id === 'string' ? record.tool_call_id : null,
    flags: flagsFromBits(documentIndex.flagBits[index]),
  }
}
