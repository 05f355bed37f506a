import type { Stores } from '../../stores/createStores'

/** Closes a document; one with unsaved edits asks first (the tab bar's dialog). */
export async function closeDocument(stores: Stores, docId: string): Promise<void> {
  if ((await stores.documents.getState().close(docId)) === 'dirty')
    stores.view.getState().setConfirmClose(docId)
}
