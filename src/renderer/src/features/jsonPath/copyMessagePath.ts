import { messageJsonPath } from '../../../../shared/messagePath'
import type { PathSegment } from '../../../../shared/pyjson/jsonPath'
import { copyText } from '../../lib/clipboard'
import type { Stores } from '../../stores/createStores'

/** The path of the message at `index` (or a part of it) in the document as the user sees it. */
export function messagePathIn(
  stores: Stores,
  docId: string,
  index: number,
  part: readonly PathSegment[] = [],
): string | null {
  const summary = stores.documents.getState().summaries[docId]
  if (!summary) return null
  return messageJsonPath({ source: summary.source, sessionId: summary.sessionId, index }, part)
}

/**
 * Copies the path and says what was copied. A file with unsaved edits (a message moved, inserted or deleted) has
 * its messages where the edited version puts them: the notice says so, since the file on disk may differ.
 */
export async function copyMessagePath(
  stores: Stores,
  docId: string,
  index: number,
  part: readonly PathSegment[] = [],
): Promise<void> {
  const path = messagePathIn(stores, docId, index, part)
  if (path === null) return
  const summary = stores.documents.getState().summaries[docId]
  const dirty = stores.edit.getState().states[docId]?.dirty ?? summary?.dirty ?? false
  const unsaved =
    dirty && summary?.source === 'file' ? ' (the path in the edited version, not saved yet)' : ''
  const copied = await copyText(path)
  stores.notices
    .getState()
    .push(
      copied
        ? { level: 'info', message: `Copied ${path}${unsaved}` }
        : { level: 'error', message: `Could not copy to the clipboard: ${path}` },
    )
}

/** The same for the current message of the document, found by its id. */
export async function copySelectedMessagePath(
  stores: Stores,
  docId: string,
  messageId: number,
): Promise<void> {
  try {
    const { indices } = await stores.client.call('document.locate', { id: docId, messageIds: [messageId] })
    const index = indices[0]
    if (index === null || index === undefined) {
      stores.notices.getState().push({ level: 'warning', message: 'The selected message is no longer there' })
      return
    }
    await copyMessagePath(stores, docId, index)
  } catch (error) {
    stores.notices.getState().pushError(error, 'Could not find the selected message')
  }
}
