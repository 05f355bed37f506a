import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import type { MarsysFile } from '../../marsys/codec/marsysFile'
import { Conversation } from '../conversation'
import type { CountTokens } from '../index/messageAnalysis'
import { diagnoseMarsysFile } from './diagnose'
import type { FileConversation } from './fileSaver'
import { MarsysFileSource } from './marsysFileSource'

const counter = new DefaultTokenCounter()

/** MARSYS's own DefaultTokenCounter, as the app and the command line count messages. */
export const countMarsysTokens: CountTokens = (message) => counter.countMessage(message as never)

/**
 * A MARSYS file as a conversation, fully indexed: what the command line works from, so its figures (roles, tool-call
 * pairing, tokens, flags) are the app's own.
 */
export function openFileConversation(path: string, file: MarsysFile): FileConversation {
  const source = new MarsysFileSource(path, { file, mtimeMs: 0 }, diagnoseMarsysFile)
  const conversation = new Conversation(path, source, countMarsysTokens)
  conversation.index.buildAll()
  return conversation
}
