import { useEffect } from 'react'
import { MoveButtons } from '../../components/MoveButtons'
import { useDocuments, useEdit, useSaveFlow, useStores, useView } from '../../stores/StoresContext'
import { selectionOf, viewOf } from '../../stores/viewStore'
import { deleteMessages, duplicateMessages, moveMessages, redo, undo } from './actions'
import { shortcutLabel } from '../shortcuts/shortcutList'

/** The selected messages when there are several: bulk delete, move, duplicate. */
function SelectionActions({ docId }: { docId: string }) {
  const stores = useStores()
  const multi = useView((state) => viewOf(state, docId).multi)
  if (multi.length < 2) return null
  const selection = selectionOf({ multi, selected: null })
  return (
    <div className="selection-actions" role="group" aria-label="Selected messages">
      <span className="stat">{multi.length} selected</span>
      <button
        type="button"
        className="small danger"
        onClick={() => void deleteMessages(stores, docId, selection)}
      >
        Delete {multi.length}
      </button>
      <MoveButtons
        canMove={() => true}
        onMove={(direction) => void moveMessages(stores, docId, selection, direction)}
      />
      <button
        type="button"
        className="small"
        onClick={() => void duplicateMessages(stores, docId, selection)}
      >
        Duplicate
      </button>
      <button
        type="button"
        className="small"
        onClick={() => {
          const focus = viewOf(stores.view.getState(), docId).selected
          stores.view.getState().setSelection(docId, focus === null ? [] : [focus], focus)
        }}
      >
        Clear selection
      </button>
    </div>
  )
}

/** Save, Save as and Revert of a file (a session is saved at every change). */
function FileSaveButtons({ docId, dirty, busy }: { docId: string; dirty: boolean; busy: boolean }) {
  const stores = useStores()
  const saving = useSaveFlow((flow) => flow.step.kind === 'saving' && flow.step.docId === docId)
  return (
    <>
      <button
        type="button"
        className={`small ${dirty ? 'primary' : ''}`}
        disabled={saving}
        title={`Save (${shortcutLabel('file.save')})`}
        onClick={() => void stores.saveFlow.getState().save(docId)}
      >
        Save
      </button>
      <button
        type="button"
        className="small"
        disabled={saving}
        title={`Save as (${shortcutLabel('file.saveAs')})`}
        onClick={() => void stores.saveFlow.getState().saveAs(docId)}
      >
        Save as…
      </button>
      <button
        type="button"
        className="small"
        disabled={!dirty || saving}
        title="Drop every unsaved edit and read the file again"
        onClick={() => void stores.saveFlow.getState().revert(docId)}
      >
        Revert…
      </button>
      <span className={`edit-status ${dirty ? 'dirty' : 'muted'}`} aria-busy={busy || saving}>
        {saving ? 'Saving…' : dirty ? '● Unsaved edits' : 'No unsaved edits'}
      </span>
    </>
  )
}

/** Undo/redo (their labels as tooltips), save, save as, revert, and the selection's bulk actions. */
export function EditBar({ docId }: { docId: string }) {
  const stores = useStores()
  const state = useEdit((edit) => edit.states[docId])
  const busy = useEdit((edit) => (edit.pending[docId] ?? 0) > 0)
  const dirty = useDocuments((documents) => documents.summaries[docId]?.dirty ?? false)
  const isSession = useDocuments((documents) => documents.summaries[docId]?.source === 'session')

  useEffect(() => {
    void stores.edit.getState().ensure(docId)
  }, [stores, docId])

  const canUndo = state?.canUndo ?? false
  const canRedo = state?.canRedo ?? false
  return (
    <div className="edit-bar" role="toolbar" aria-label="Editing">
      <button
        type="button"
        className="small"
        disabled={!canUndo}
        title={
          state?.undoLabel ? `Undo: ${state.undoLabel} (${shortcutLabel('edit.undo')})` : 'Nothing to undo'
        }
        onClick={() => void undo(stores, docId)}
      >
        <span aria-hidden="true">↶</span> Undo
      </button>
      <button
        type="button"
        className="small"
        disabled={!canRedo}
        title={
          state?.redoLabel ? `Redo: ${state.redoLabel} (${shortcutLabel('edit.redo')})` : 'Nothing to redo'
        }
        onClick={() => void redo(stores, docId)}
      >
        <span aria-hidden="true">↷</span> Redo
      </button>
      <span className="separator" aria-hidden="true" />
      {isSession ? (
        <span className="edit-status muted" aria-busy={busy}>
          Each change is saved to the session store
        </span>
      ) : (
        <FileSaveButtons docId={docId} dirty={dirty} busy={busy} />
      )}
      <span className="spacer" />
      <SelectionActions docId={docId} />
    </div>
  )
}
