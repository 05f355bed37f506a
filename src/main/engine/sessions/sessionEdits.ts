import type {
  IMemorySession,
  Message,
  SessionMetadataPatch,
  UtcDateTime,
} from '../../../shared/model/langswarm'
import type { SessionEditCommand } from '../../../shared/model/session'
import { invertListPatch, ListDraft, type ListPatch } from './listPatch'
import { applyMessageCommand, messageCommandLabel, type MessageCommand } from './messageCommands'
import { invertMetadataEdit, planMetadataEdit, type MetadataEdit } from './metadataEdit'

/** The changes one message command made to the message list. */
export interface MessagesEdit {
  readonly kind: 'messages'
  readonly patch: ListPatch<Message>
}

/** One reversible change to a stored session. A batch is a list of them and is persisted as a whole. */
export type SessionEdit = MessagesEdit | MetadataEdit

/**
 * Applies a batch of commands to the session and persists it, all or nothing. Returns the edits made, in a form
 * the history can undo and redo; an empty list when the batch changed nothing.
 */
export async function applyCommands(
  session: IMemorySession,
  commands: readonly SessionEditCommand[],
  now: () => UtcDateTime,
): Promise<SessionEdit[]> {
  const patches = commands.flatMap((command) => (command.op === 'setMetadata' ? [command.patch] : []))
  const messageCommands = commands.filter(
    (command): command is MessageCommand => command.op !== 'setMetadata',
  )
  const metadata = patches.length > 0 ? planMetadataEdit(session.metadata, patches) : null
  const messages = await persist(
    session,
    messageCommands.length === 0
      ? null
      : (draft) =>
          messageCommands.map((command) => ({
            kind: 'messages',
            patch: applyMessageCommand(draft, command, now),
          })),
    metadata?.after ?? null,
  )
  return metadata === null ? messages : [metadata, ...messages]
}

/** Persists edits taken from the history: their inverse to undo a batch, the edits themselves to redo it. */
export async function applyEdits(session: IMemorySession, edits: readonly SessionEdit[]): Promise<void> {
  const messages = edits.filter((edit) => edit.kind === 'messages')
  const metadata = edits.filter((edit) => edit.kind === 'metadata')
  await persist(
    session,
    messages.length === 0 ? null : replaying(messages),
    metadata.length === 0 ? null : Object.assign({}, ...metadata.map((edit) => edit.after)),
  )
}

/** The edits that undo `edits`, in the order to apply them. */
export function invertEdits(edits: readonly SessionEdit[]): SessionEdit[] {
  return [...edits]
    .reverse()
    .map((edit) => (edit.kind === 'metadata' ? invertMetadataEdit(edit) : invertMessagesEdit(edit)))
}

const invertMessagesEdit = (edit: MessagesEdit): MessagesEdit => ({
  kind: 'messages',
  patch: invertListPatch(edit.patch),
})

const replaying =
  (edits: MessagesEdit[]) =>
  (draft: ListDraft<Message>): MessagesEdit[] => {
    for (const edit of edits) draft.apply(edit.patch)
    return edits
  }

/**
 * Message changes and metadata are independent, so a batch persists as two engine changes: the messages first
 * (their commands are checked while applying, so an invalid one stops the batch before anything is written), then
 * the already-checked metadata. If the metadata cannot be written, the message changes are undone again.
 */
async function persist(
  session: IMemorySession,
  editMessages: ((draft: ListDraft<Message>) => MessagesEdit[]) | null,
  metadataPatch: SessionMetadataPatch | null,
): Promise<MessagesEdit[]> {
  let made: MessagesEdit[] = []
  if (editMessages !== null) {
    await session.replaceMessages((current) => {
      const draft = new ListDraft(current)
      made = editMessages(draft).filter((edit) => edit.patch.length > 0)
      return draft.result
    })
  }
  if (metadataPatch !== null) {
    try {
      await session.updateMetadata(metadataPatch)
    } catch (error) {
      if (made.length > 0) {
        const undo = [...made].reverse().map(invertMessagesEdit)
        // Best effort: if the store refuses this too, the original error is still the one to report.
        await persist(session, replaying(undo), null).catch(() => undefined)
      }
      throw error
    }
  }
  return made
}

/** A short name for the undo/redo menu. */
export function batchLabel(commands: readonly SessionEditCommand[]): string {
  const first = commandLabel(commands[0])
  return commands.length === 1 ? first : `${first} and ${commands.length - 1} more`
}

function commandLabel(command: SessionEditCommand): string {
  if (command.op !== 'setMetadata') return messageCommandLabel(command)
  const keys = Object.keys(command.patch)
  return keys.length === 1 ? `Edit ${keys[0]}` : 'Edit metadata'
}
