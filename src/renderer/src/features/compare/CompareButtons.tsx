import { useDocuments, useStores } from '../../stores/StoresContext'
import { ToolbarLabel } from '../documents/ToolbarLabel'
import { compareWithAnother, compareWithSaved, whyNoSavedCompare } from './compareStore'

/**
 * In a document's toolbar: "Compare with saved" (a file with unsaved edits: the saved bytes against the edits) and
 * "Compare with…" (opens the Compare page with this document on the left).
 */
export function CompareButtons({ docId }: { docId: string }) {
  const stores = useStores()
  const savedComparable = useDocuments((state) => whyNoSavedCompare(state.summaries[docId]) === null)
  return (
    <>
      {savedComparable ? (
        <button
          type="button"
          className="tool-button"
          title="Compare with saved: the file as saved against your edits"
          onClick={() => compareWithSaved(stores, docId)}
        >
          <ToolbarLabel icon="≟" label="Compare with saved" />
        </button>
      ) : null}
      <button
        type="button"
        className="tool-button"
        title="Compare with another conversation"
        onClick={() => compareWithAnother(stores, docId)}
      >
        <ToolbarLabel icon="⇆" label="Compare with…" />
      </button>
    </>
  )
}
