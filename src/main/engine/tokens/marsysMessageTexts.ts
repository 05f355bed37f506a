import type { MarsysFile } from '../marsys/codec'
import type { MessageTextList } from './tokenService'

/** A MARSYS file's messages as the token service reads them: each message's exact bytes, as text. */
export const marsysMessageTexts = (file: MarsysFile): MessageTextList => ({
  length: file.messageCount,
  text: (i) => file.messageText(i),
})
