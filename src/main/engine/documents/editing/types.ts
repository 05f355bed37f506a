import type { MessageSource as WriterMessage } from '../../marsys/codec/writer'

/** One row of a document's message list: an original message of the file (by index) or an edited value. */
export type SavedMessage = WriterMessage
