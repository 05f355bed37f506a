import type { MessageDetail } from '../../../../shared/model/document'
import { MoveButtons } from '../../components/MoveButtons'
import { useDocuments, useStores } from '../../stores/StoresContext'
import { CopyPathMenu } from '../jsonPath/CopyPathMenu'
import { deleteMessages, duplicateMessages, insertMessage, moveMessages } from './actions'

/** What can be done to the current message: edit it as JSON, insert next to it, duplicate, move, delete. */
export function MessageActions({ docId, detail }: { docId: string; detail: MessageDetail }) {
  const { index, id } = detail
  const stores = useStores()
  const count = useDocuments((state) => state.summaries[docId]?.messageCount ?? 0)
  const run = (action: () => unknown) => (event: { stopPropagation(): void }) => {
    event.stopPropagation()
    void action()
  }
  return (
    <div className="card-actions" role="toolbar" aria-label={`Message ${index} actions`}>
      <button
        type="button"
        className="small"
        onClick={run(() => stores.view.getState().openEditor(docId, id, 'raw'))}
      >
        Edit raw JSON
      </button>
      <button type="button" className="small" onClick={run(() => insertMessage(stores, docId, index))}>
        Insert above
      </button>
      <button type="button" className="small" onClick={run(() => insertMessage(stores, docId, index + 1))}>
        Insert below
      </button>
      <button type="button" className="small" onClick={run(() => duplicateMessages(stores, docId, [id]))}>
        Duplicate
      </button>
      <MoveButtons
        canMove={(direction) => (direction === 'up' ? index !== 0 : index < count - 1)}
        onMove={(direction, event) => run(() => moveMessages(stores, docId, [id], direction))(event)}
      />
      <button type="button" className="small danger" onClick={run(() => deleteMessages(stores, docId, [id]))}>
        Delete
      </button>
      <CopyPathMenu docId={docId} detail={detail} />
    </div>
  )
}
