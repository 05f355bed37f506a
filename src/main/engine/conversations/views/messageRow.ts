import type { MessageRow } from '../../../../shared/model/document'
import type { ConversationIndex } from '../index/conversationIndex'
import { flagsFromBits } from '../index/flags'
import { rowFactsOf, type MessageAnalysis } from '../index/messageAnalysis'

/**
 * One row of the message table: what the index knows, plus a one-line preview read from the message itself. A
 * large message's row facts come from its analysis, so paging the table never decodes it again.
 */
export function buildMessageRow(
  id: number,
  index: number,
  analysis: MessageAnalysis,
  plainOf: () => unknown,
  documentIndex: ConversationIndex,
): MessageRow {
  return {
    id,
    index,
    role: documentIndex.roleOf(index),
    name: documentIndex.nameOf(index),
    ...(analysis.row ?? rowFactsOf(plainOf())),
    tokens: documentIndex.tokens[index],
    flags: flagsFromBits(documentIndex.flagBits[index]),
  }
}
