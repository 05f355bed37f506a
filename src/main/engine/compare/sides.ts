import { readFile } from 'node:fs/promises'
import { JsonSyntaxError } from '../../../shared/pyjson'
import type { CompareSide } from '../../../shared/domains/compare/model'
import { AppError } from '../appError'
import type { Conversation } from '../conversations/conversation'
import type { ConversationStore } from '../conversations/conversationStore'
import { MarsysFile } from '../marsys/codec/marsysFile'

/** One side of a comparison as the engine reads it: its messages as plain JSON, one at a time. */
export interface ComparedSide {
  label: string
  count: number
  plain(position: number): unknown
  /** Throws CONFLICT when the messages changed since the comparison read them (positions would not match). */
  checkUnchanged(): void
}

/** A side read from a conversation: valid while the conversation stays at the revision it was read at. */
function conversationSide(
  conversation: Conversation,
  label: string,
  count: number,
  plain: (position: number) => unknown,
): ComparedSide {
  const revision = conversation.revision
  return {
    label,
    count,
    plain,
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
    (i) => conversation.plainAt(i),
  )

/** The version the document was opened, reloaded or last saved as: what its edits start from. */
export const savedSide = (conversation: Conversation): ComparedSide =>
  conversationSide(
    conversation,
    `${conversation.displayName} (${conversation.source.kind === 'file' ? 'saved' : 'as opened'})`,
    conversation.source.originalCount(),
    (i) => conversation.source.plainOriginal(i),
  )

/**
 * The file at the document's path as it is on disk now, scanned in slices. A file that is gone or no longer parses
 * is a clear error naming the file and where.
 */
export async function diskSide(
  conversation: Conversation,
  yieldNow: () => Promise<void>,
): Promise<ComparedSide> {
  if (conversation.source.kind !== 'file')
    throw new AppError('UNSUPPORTED', `${conversation.displayName} is a session, not a file on disk`)
  const path = conversation.source.location
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      throw new AppError('NOT_FOUND', `${path} is no longer on disk`, { file: path })
    throw error
  })
  const file = MarsysFile.openProgressive(bytes)
  try {
    while (!file.scanMore()) await yieldNow()
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
    throw new AppError(
      'PARSE_ERROR',
      `The file on disk does not parse (${path}, line ${error.line}:${error.column}): ${error.message}`,
      { file: path, line: error.line, column: error.column },
    )
  }
  const count = file.messagesKind === 'list' ? file.messageCount : 0
  return {
    label: `${conversation.displayName} (on disk)`,
    count,
    plain: (i) => file.decodeMessagePlain(i),
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
      return savedSide(conversation)
    case 'disk':
      return diskSide(conversation, yieldNow)
  }
}
