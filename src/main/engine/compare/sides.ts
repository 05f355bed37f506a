import { JsonSyntaxError } from '../../../shared/pyjson'
import type { CompareSide } from '../../../shared/domains/compare/model'
import { AppError } from '../appError'
import type { Conversation } from '../conversations/conversation'
import type { ConversationStore } from '../conversations/conversationStore'
import { contentHash } from '../conversations/files/contentHash'
import { diskStamp } from '../conversations/files/diskStamp'
import { isFileSource } from '../conversations/files/marsysFileSource'
import { MarsysFile } from '../marsys/codec/marsysFile'
import type { AlignSource } from './alignRunner'
import { readWholeFile } from '../fs/readWhole'

/** Bytes of a file scanned at one go before other work gets in. */
const SCAN_STEP_BYTES = 512 * 1024

/** One side of a comparison as the engine reads it: its messages as plain JSON, one at a time. */
export interface ComparedSide extends AlignSource {
  label: string
  plain(position: number): unknown
}

/** A side read from a conversation: valid while the conversation stays at the revision it was read at. */
function conversationSide(
  conversation: Conversation,
  label: string,
  count: number,
  read: Pick<ComparedSide, 'plain' | 'raw'>,
): ComparedSide {
  const revision = conversation.revision
  return {
    label,
    format: conversation.source.kind,
    count,
    ...read,
    checkUnchanged: () => {
      if (conversation.revision !== revision)
        throw new AppError(
          'CONFLICT',
          `${conversation.displayName} changed since it was compared: compare again.`,
          {
            reason: 'changed',
            revision: conversation.revision,
          },
        )
    },
  }
}

/** The document as it is now, unsaved edits included. */
export const currentSide = (conversation: Conversation): ComparedSide =>
  conversationSide(
    conversation,
    conversation.dirty ? `${conversation.displayName} (edited)` : conversation.displayName,
    conversation.items.length,
    { plain: (i) => conversation.plainAt(i), raw: (i) => conversation.rawAt(i) },
  )

/** The messages a conversation started from (opened or reloaded; for a session, as it was opened). */
const originalsSide = (conversation: Conversation, label: string): ComparedSide =>
  conversationSide(conversation, label, conversation.source.originalCount(), {
    plain: (i) => conversation.source.plainOriginal(i),
    raw: (i) => conversation.source.rawOriginal(i),
  })

/**
 * The version the document was last saved as, which its unsaved edits start from. A file's saved version is the
 * file on disk while its disk stamp is the one we last read or wrote; after another program changed the file, it
 * is the bytes the document was opened from if those were never saved over; else it is gone (compare with the file
 * on disk instead). A session is saved at every change: its "saved" side is the session as it was opened.
 */
export async function savedSide(
  conversation: Conversation,
  yieldNow: () => Promise<void>,
): Promise<ComparedSide> {
  const source = conversation.source
  if (!isFileSource(source)) return originalsSide(conversation, `${conversation.displayName} (as opened)`)
  const label = `${conversation.displayName} (saved)`
  if (source.stamp !== null && (await diskStamp(source.path)) === source.stamp) {
    const file = await readMarsysFile(source.path, yieldNow)
    return conversationSide(conversation, label, messageCountOf(file), fileMessages(file))
  }
  if (contentHash(source.file.buffer) === source.hash) return originalsSide(conversation, label)
  throw new AppError(
    'CONFLICT',
    `The saved version of ${conversation.displayName} is no longer on disk (another program changed the file): compare with the file on disk instead.`,
    { file: source.path, reason: 'saved-unavailable' },
  )
}

const fileMessages = (file: MarsysFile): Pick<ComparedSide, 'plain' | 'raw'> => ({
  plain: (i) => file.decodeMessagePlain(i),
  raw: (i) => file.messageText(i),
})

const messageCountOf = (file: MarsysFile): number => (file.messagesKind === 'list' ? file.messageCount : 0)

/** A MARSYS file read from disk now and scanned in slices; missing or unparsable is a clear error. */
async function readMarsysFile(path: string, yieldNow: () => Promise<void>): Promise<MarsysFile> {
  const bytes = await readWholeFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      throw new AppError('NOT_FOUND', `${path} is no longer on disk`, { file: path })
    throw error
  })
  const file = MarsysFile.openProgressive(bytes)
  try {
    while (!file.scanMore(SCAN_STEP_BYTES)) await yieldNow()
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
    throw new AppError(
      'PARSE_ERROR',
      `The file on disk does not parse (${path}, line ${error.line}:${error.column}): ${error.message}`,
      { file: path, line: error.line, column: error.column },
    )
  }
  return file
}

/** The file at the document's path as it is on disk now (for a file another program changed). */
export async function diskSide(
  conversation: Conversation,
  yieldNow: () => Promise<void>,
): Promise<ComparedSide> {
  if (!isFileSource(conversation.source))
    throw new AppError('UNSUPPORTED', `${conversation.displayName} is a session, not a file on disk`)
  const file = await readMarsysFile(conversation.source.path, yieldNow)
  return {
    label: `${conversation.displayName} (on disk)`,
    format: 'file',
    count: messageCountOf(file),
    ...fileMessages(file),
    checkUnchanged: () => undefined,
  }
}

/** The side a request names; `disk` is read now. */
export function resolveSide(
  documents: ConversationStore,
  side: CompareSide,
  yieldNow: () => Promise<void>,
): Promise<ComparedSide> | ComparedSide {
  const conversation = documents.get(side.id)
  switch (side.kind) {
    case 'document':
      return currentSide(conversation)
    case 'saved':
      return savedSide(conversation, yieldNow)
    case 'disk':
      return diskSide(conversation, yieldNow)
  }
}
