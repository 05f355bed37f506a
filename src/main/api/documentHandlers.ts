import { FILE_TEXT_LIMIT } from '../../shared/model/document'
import { AppError } from '../engine/appError'
import type { Handlers } from './dispatch'
import type { Services } from './services'
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
  return {
    'document.open': ({ paths }) => documents.open(paths),
    'document.list': () => documents.list(),
    'document.close': async ({ id, discard }) => ({ closed: await documents.close(id, discard ?? false) }),
    'document.summary': ({ id }) => documents.get(id).summary(),
    'document.error': ({ id }) => {
      const conversation = documents.get(id)
      return conversation.source.kind === 'file' ? documents.getFile(id).source.errorView(id) : null
    },
    'document.rows': ({ id, ...query }) => rowWindow(documents.get(id), orders, query),
    'document.position': ({ id, index, sort, filter }) => ({
      position: rowPosition(documents.get(id), orders, index, { sort, filter }),
    }),
    'document.message': ({ id, index, messageId }) => messageDetail(documents.get(id), index, messageId),
    'document.messageText': ({ id, index, messageId, target, offset, length }) =>
      messageText(documents.get(id), index, messageId, target, offset, length),
    'document.locate': ({ id, messageIds }) => ({ indices: documents.get(id).locate(messageIds) }),
    'document.image': ({ id, index, partIndex }) => messageImage(documents.get(id), index, partIndex),
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
    'document.state': ({ id }) => documents.get(id).state(),
    'document.save': ({ id, allowUnloadable, overwrite }) =>
      documents.save(id, { allowUnloadable, overwrite }),
    'document.saveAs': ({ id, path, allowUnloadable, overwrite }) =>
      documents.save(id, { path, allowUnloadable, overwrite }),
    'document.revert': ({ id }) => documents.revert(id),
  }
}
