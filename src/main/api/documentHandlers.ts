import { FILE_TEXT_LIMIT, type RowQuery } from '../../shared/model/document'
import { AppError } from '../engine/appError'
import type { Handlers } from './dispatch'
import type { Services } from './services'
import type { Conversation } from '../engine/conversations/conversation'
import { RowOrders } from '../engine/conversations/index/rowOrders'
import {
  additionalStateView,
  conversationFacts,
  lintConversation,
  messageDetail,
  messageImage,
  messageText,
  rowPosition,
  rowWindow,
} from '../engine/conversations/views/conversationViews'

type DocumentHandlers = Pick<
  Handlers,
  | 'document.open'
  | 'document.list'
  | 'document.close'
  | 'document.summary'
  | 'document.error'
  | 'document.rows'
  | 'document.position'
  | 'document.message'
  | 'document.messageText'
  | 'document.locate'
  | 'document.image'
  | 'document.additionalState'
  | 'document.facts'
  | 'document.lint'
  | 'document.fileText'
  | 'document.search'
  | 'document.edit'
  | 'document.undo'
  | 'document.redo'
  | 'document.state'
  | 'document.save'
  | 'document.saveAs'
  | 'document.revert'
>

/** Documents are open conversations — MARSYS files and store sessions alike; the engine does the work. */
export function createDocumentHandlers({ documents }: Services): DocumentHandlers {
  const orders = new RowOrders()
  /** Rows in file order need only the messages found so far; a sorted or filtered view needs all of them. */
  const inOrder = (id: string, query: Pick<RowQuery, 'sort' | 'filter'>): Conversation =>
    query.sort !== undefined || (query.filter !== undefined && Object.keys(query.filter).length > 0)
      ? documents.get(id)
      : documents.peek(id)
  return {
    'document.open': ({ paths }) => documents.open(paths),
    'document.list': () => documents.list(),
    'document.close': async ({ id, discard }) => ({ closed: await documents.close(id, discard ?? false) }),
    // While a file is still being scanned, what its first rows need is answered from the messages found so far.
    'document.summary': ({ id }) => documents.peek(id).summary(),
    'document.error': ({ id }) => {
      const conversation = documents.get(id)
      return conversation.source.kind === 'file' ? documents.getFile(id).source.errorView(id) : null
    },
    'document.rows': ({ id, ...query }) => rowWindow(inOrder(id, query), orders, query),
    'document.position': ({ id, index, sort, filter }) => ({
      position: rowPosition(inOrder(id, { sort, filter }), orders, index, { sort, filter }),
    }),
    'document.message': ({ id, index, messageId }) => messageDetail(documents.peek(id), index, messageId),
    'document.messageText': ({ id, index, messageId, target, offset, length }) =>
      messageText(documents.peek(id), index, messageId, target, offset, length),
    'document.locate': ({ id, messageIds }) => ({ indices: documents.peek(id).locate(messageIds) }),
    'document.image': ({ id, index, partIndex }) => messageImage(documents.peek(id), index, partIndex),
    'document.additionalState': ({ id }) => additionalStateView(documents.get(id)),
    'document.facts': ({ id }) => conversationFacts(documents.get(id)),
    'document.lint': ({ id }) => lintConversation(documents.get(id)),
    'document.fileText': ({ id }) => {
      if (documents.get(id).source.kind !== 'file')
        throw new AppError('UNSUPPORTED', 'A store session has no file text')
      return documents.getFile(id).source.fileText(FILE_TEXT_LIMIT)
    },
    'document.search': (query) => {
      for (const conversation of documents.all()) {
        try {
          documents.ensureIndexed(conversation)
        } catch {
          // That document could not be indexed: it was closed with a notice saying why; the others are searched.
        }
      }
      return documents.search(query)
    },
    'document.edit': ({ id, revision, commands }) => documents.edit(id, revision, commands),
    'document.undo': ({ id }) => documents.undo(id),
    'document.redo': ({ id }) => documents.redo(id),
    'document.state': ({ id }) => documents.peek(id).state(),
    'document.save': ({ id, allowUnloadable, overwrite }) =>
      documents.save(id, { allowUnloadable, overwrite }),
    'document.saveAs': ({ id, path, allowUnloadable, overwrite }) =>
      documents.save(id, { path, allowUnloadable, overwrite }),
    'document.revert': ({ id }) => documents.revert(id),
  }
}
