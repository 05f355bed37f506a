import { createStore, type StoreApi } from 'zustand/vanilla'
import type { CompareSide } from '../../../../shared/domains/compare/model'
import type { DocumentSummary } from '../../../../shared/model/document'
import type { Stores } from '../../stores/createStores'

export interface CompareState {
  left: CompareSide | null
  right: CompareSide | null
  /** Bumped to ask the Compare page to compare the picked sides now. */
  request: number
  setLeft(side: CompareSide | null): void
  setRight(side: CompareSide | null): void
  /** Picks both sides and asks for the comparison (from a document's toolbar). */
  compare(left: CompareSide, right: CompareSide): void
}

export type CompareStore = StoreApi<CompareState>

function createCompareStore(): CompareStore {
  return createStore<CompareState>((set) => ({
    left: null,
    right: null,
    request: 0,
    setLeft: (left) => set({ left }),
    setRight: (right) => set({ right }),
    compare: (left, right) => set((state) => ({ left, right, request: state.request + 1 })),
  }))
}

const byStores = new WeakMap<Stores, CompareStore>()

/** The Compare page's picks, one per app (per set of stores), made when first asked for. */
export function compareStoreOf(stores: Stores): CompareStore {
  let store = byStores.get(stores)
  if (!store) {
    store = createCompareStore()
    byStores.set(stores, store)
  }
  return store
}

/** Opens the Compare page (it is a page of the tab strip, shown when no document tab is active). */
export function showComparePage(stores: Stores): void {
  stores.view.getState().setPage('compare')
  stores.documents.getState().activate(null)
}

/** "Compare with…": the Compare page with this document on the left and the right side to pick. */
export function compareWithAnother(stores: Stores, docId: string): void {
  const compare = compareStoreOf(stores).getState()
  compare.setLeft({ kind: 'document', id: docId })
  compare.setRight(null)
  showComparePage(stores)
}

/** Why "Compare with saved" cannot run for this document, or null: only a file with unsaved edits has two sides. */
export function whyNoSavedCompare(summary: DocumentSummary | undefined): string | null {
  if (summary?.source !== 'file') return 'Only a file has a saved version to compare with'
  return summary.dirty ? null : 'No unsaved edits to compare'
}

/** "Compare with saved": a file's saved bytes against its edits, on the Compare page. */
export function compareWithSaved(stores: Stores, docId: string): void {
  compareStoreOf(stores).getState().compare({ kind: 'saved', id: docId }, { kind: 'document', id: docId })
  showComparePage(stores)
}
