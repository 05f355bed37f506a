import type { Handlers } from './dispatch'
import type { Services } from './services'
import { AppError } from '../engine/errors'
import { viewAdditionalState } from '../engine/conversations/views/additionalState'
import { lintDocument } from '../engine/conversations/views/lint'
import { buildMessageDetail, imageDataUrl } from '../engine/conversations/views/messageDetail'
import { buildMessageRow } from '../engine/conversations/views/messageRow'
import { factRows } from '../engine/conversations/views/facts'
import { RowOrders } from '../engine/conversations/index/rowOrders'
import { describeDataUrl } from '../engine/conversations/views/dataUrl'
import type { MessageRow } from '../../shared/model/document'
import { dumpPyJson, toPlain, type PyValue } from '../../shared/pyjson'

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
  | 'document.image'
  | 'document.additionalState'
  | 'document.facts'
  | 'document.lint'
  | 'document.search'
  | 'document.edit'
  | 'document.undo'
  | 'document.redo'
  | 'document.state'
  | 'document.save'
  | 'document.saveAs'
  | 'document.revert'
>

export function createDocumentHandlers({ documents }: Services): DocumentHandlers {
  const orders = new RowOrders()

  const messageIndex = (id: string, index: number) => {
    const document = documents.get(id)
    if (index >= document.index.count) {
      throw new AppError(
        'NOT_FOUND',
        `${document.displayName} has ${document.index.count} messages; there is no message ${index}`,
        {
          file: document.path,
          messageIndex: index,
        },
      )
    }
    return document
  }

  return {
    'document.open': ({ paths }) => documents.open(paths),
    'document.list': () => documents.list(),
    'document.close': async ({ id, discard }) => ({ closed: await documents.close(id, discard ?? false) }),
    'document.summary': ({ id }) => documents.get(id).summary(),
    'document.error': ({ id }) => documents.get(id).errorView(),
    'document.rows': ({ id, offset, limit, sort, filter }) => {
      const document = documents.get(id)
      const order = orders.get(document, sort, filter, () => documents.ensureIndexed(document))
      const total = order ? order.length : document.index.built
      const end = Math.min(total, offset + limit)
      const rows: MessageRow[] = []
      for (let position = offset; position < end; position++) {
        const i = order ? order[position] : position
        rows.push(buildMessageRow(i, document.plainAt(i), document.index))
      }
      return { total, offset, rows }
    },
    'document.position': ({ id, index, sort, filter }) => {
      const document = messageIndex(id, index)
      const order = orders.get(document, sort, filter, () => documents.ensureIndexed(document))
      if (!order) return { position: index }
      const position = order.indexOf(index)
      return { position: position < 0 ? null : position }
    },
    'document.message': ({ id, index }) => {
      const document = messageIndex(id, index)
      const diagnostics = document.analysisAt(index).problems.map((problem) => ({
        message: problem.message,
        path: `$.messages[${index}]${problem.subPath}`,
        messageIndex: index,
      }))
      return buildMessageDetail(
        index,
        document.plainAt(index),
        document.rawAt(index),
        document.index,
        diagnostics,
      )
    },
    'document.image': ({ id, index, partIndex }) => {
      const document = messageIndex(id, index)
      const url = imageDataUrl(document.source().plain(index), partIndex)
      const info = url ? describeDataUrl(url) : null
      if (!url || !info)
        throw new AppError('NOT_FOUND', `Message ${index} has no inline image at part ${partIndex}`)
      return { dataUrl: url, mime: info.mime, bytes: info.bytes }
    },
    'document.additionalState': ({ id }) => {
      const document = documents.get(id)
      const { present, value } = document.currentAdditionalState()
      if (!present) return viewAdditionalState(false, null, null)
      const raw = dumpPyJson(value as PyValue, { indent: 2, ensureAscii: false })
      return viewAdditionalState(true, toPlain(value as PyValue), raw)
    },
    'document.facts': ({ id }) => {
      const document = documents.get(id)
      documents.ensureIndexed(document)
      return factRows(document.source())
    },
    'document.lint': ({ id }) => {
      const document = documents.get(id)
      documents.ensureIndexed(document)
      return lintDocument(document.index, document.diagnostics, (i) => document.analysisAt(i).problems)
    },
    'document.search': (query) => {
      for (const document of documents.all()) documents.ensureIndexed(document)
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
