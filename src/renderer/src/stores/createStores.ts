import type { ApiClient } from '../api/client'
import { createDocumentsStore, documentIdForPath, type DocumentsStore } from './documentsStore'
import { createEditStore, type EditStore } from './editStore'
import { createImportStore, type ImportStore } from './importStore'
import { createMessagesStore, detailKey, type MessagesStore } from './messagesStore'
import { createNoticesStore, type NoticesStore } from './noticesStore'
import { createRowsStore, type RowsStore } from './rowsStore'
import { createSaveFlowStore, type SaveFlowStore } from './saveFlowStore'
import { createSearchStore, type SearchStore } from './searchStore'
import { createSessionsStore, type SessionsStore } from './sessionsStore'
import { createViewStore, viewOf, type ViewStore } from './viewStore'
import { createWorkspaceStore, type WorkspaceStore } from './workspaceStore'

export interface Stores {
  client: ApiClient
  documents: DocumentsStore
  rows: RowsStore
  messages: MessagesStore
  view: ViewStore
  search: SearchStore
  notices: NoticesStore
  workspace: WorkspaceStore
  edit: EditStore
  saveFlow: SaveFlowStore
  sessions: SessionsStore
  imports: ImportStore
}

/** Every store, wired to one client (the real one in the app, a fake in tests). */
export function createStores(client: ApiClient): Stores {
  const notices = createNoticesStore()
  const notify = notices.getState().push
  const reportError = (error: unknown, doing?: string): void =>
    void notices.getState().pushError(error, doing)
  const workspace = createWorkspaceStore(client, reportError)
  const view = createViewStore()
  const documents = createDocumentsStore(client, {
    notify,
    reportError,
    onOpenedPaths: () => void workspace.getState().refreshRecent(),
  })
  const search = createSearchStore(client, {
    activeDocumentId: () => documents.getState().activeId,
    jump: (hit) => {
      documents.getState().activate(hit.documentId)
      view.getState().jumpTo(hit.documentId, hit.index)
    },
    onResults: () => view.getState().setPanel('search'),
    openStoreHit: (hit) =>
      void documents
        .getState()
        .openSession(hit.sessionId)
        .then(() => {
          const doc = Object.values(documents.getState().summaries).find((s) => s.sessionId === hit.sessionId)
          if (doc) view.getState().jumpTo(doc.id, hit.index)
        }),
  })
  // Each tab keeps its own results for "this document": the box's counter and F3 follow the active tab.
  documents.subscribe((state, previous) => {
    if (state.activeId !== previous.activeId) search.getState().onActiveDocument()
  })
  const rows = createRowsStore(client)
  const messages = createMessagesStore(client)
  const edit = createEditStore(client, {
    reportError,
    onOwnChange: (id, revision) => dropContent({ rows, messages }, id, revision),
  })
  const saveFlow = createSaveFlowStore(client, {
    edit,
    notify,
    reportError,
    pathOf: (id) => documents.getState().summaries[id]?.path ?? null,
    isDirty: (id) => edit.getState().states[id]?.dirty ?? documents.getState().summaries[id]?.dirty ?? false,
    // Editors are keyed by message id; the notice names messages by position, as the user sees them.
    openEditors: (id) =>
      Object.keys(viewOf(view.getState(), id).editing).map((messageId) => {
        const entry = messages.getState().details[detailKey(id, { index: 0, messageId: Number(messageId) })]
        return entry?.detail?.index ?? Number(messageId)
      }),
  })
  return {
    client,
    documents,
    rows,
    messages,
    view,
    search,
    notices,
    workspace,
    edit,
    saveFlow,
    sessions: createSessionsStore(client),
    imports: createImportStore(client),
  }
}

/** Changes that give a document a new revision: its rows and details are dropped once per revision. */
const NEW_REVISION = new Set(['edit', 'undo', 'redo', 'revert', 'reload'])

/**
 * The document's messages changed: rows and details are fetched again (shown stale meanwhile). With a `revision`,
 * once per revision: the answer to our own edit and its `document.changed` event both announce it.
 */
function dropContent(
  { rows, messages }: Pick<Stores, 'rows' | 'messages'>,
  id: string,
  revision?: number,
): void {
  if (rows.getState().invalidate(id, revision)) messages.getState().invalidate(id)
}

/** Feeds main's events into the stores; returns the unsubscribe. */
export function connectEvents(stores: Stores): () => void {
  const { client, documents, rows, messages, view, search, notices, edit, sessions } = stores
  const offs = [
    client.on('session.changed', ({ id }) => sessions.getState().onChanged(id)),
    client.on('app.notice', (notice) => void notices.getState().push(notice)),
    client.on('document.opened', (summary) => documents.getState().onOpened(summary)),
    client.on('document.changed', (change) => {
      dropContent(stores, change.id, NEW_REVISION.has(change.reason) ? change.revision : undefined)
      documents.getState().onChanged(change)
      edit.getState().onChanged(change)
      // The file's own messages replaced the edited ones: an open editor would apply to another message.
      if (change.reason === 'reload' || change.reason === 'revert') view.getState().closeAllEditors(change.id)
      void search.getState().refresh()
    }),
    // A disk warning is over once the file and the document agree again (saved over it, or reloaded from it).
    edit.subscribe((state, previous) => {
      for (const [id, now] of Object.entries(state.states))
        if (now.disk === 'same' && previous.states[id]?.disk !== 'same')
          notices.getState().dismissTopic(id, 'disk')
    }),
    client.on('document.closed', ({ id }) => {
      notices.getState().dismissTopic(id, 'disk')
      documents.getState().onClosed(id)
      rows.getState().drop(id)
      messages.getState().drop(id)
      view.getState().forget(id)
      edit.getState().forget(id)
    }),
    client.on('document.progress', (progress) => {
      documents.getState().onProgress(progress)
      const id = documentIdForPath(documents.getState(), progress.path)
      if (id && progress.phase === 'indexing') rows.getState().noteIndexed(id, progress.done)
    }),
  ]
  return () => offs.forEach((off) => off())
}
