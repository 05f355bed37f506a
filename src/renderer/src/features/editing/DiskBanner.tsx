import { useDocuments, useEdit, useStores } from '../../stores/StoresContext'

/** Shown while the file on disk is not what we opened or saved: it changed, or it is gone. */
export function DiskBanner({ docId }: { docId: string }) {
  const stores = useStores()
  const disk = useEdit((edit) => edit.states[docId]?.disk ?? 'same')
  const name = useDocuments((documents) => documents.summaries[docId]?.name ?? 'The file')
  if (disk === 'same') return null
  return (
    <div className="disk-banner" role="alert">
      <span>
        ⚠{' '}
        {disk === 'changed'
          ? `${name} changed on disk since it was opened or saved. Your edits are not saved; saving asks before overwriting it.`
          : `${name} was deleted or cannot be read on disk. Save to write it again, or save it somewhere else.`}
      </span>
      {disk === 'changed' ? (
        <button type="button" className="small" onClick={() => void stores.saveFlow.getState().revert(docId)}>
          Reload from disk…
        </button>
      ) : null}
      <button type="button" className="small" onClick={() => void stores.saveFlow.getState().saveAs(docId)}>
        Save as…
      </button>
    </div>
  )
}
