import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RowQuery } from '../../../shared/model/document'

export type ViewMode = 'timeline' | 'table'
export type SidePanel = 'search' | 'lint' | 'state' | 'facts'

export interface DocumentViewState {
  mode: ViewMode
  /** The selected message (its index in the file). */
  selected: number | null
  /** Messages whose raw JSON and details are open. */
  expanded: Record<number, true>
  sort: RowQuery['sort']
  filter: NonNullable<RowQuery['filter']>
  markdown: boolean
}

export interface JumpRequest {
  docId: string
  index: number
  nonce: number
}

export interface ScrollMemory {
  offset: number
  measurements?: unknown[]
}

export interface ViewState {
  views: Record<string, DocumentViewState>
  panel: SidePanel | null
  panelWidth: number
  jump: JumpRequest | null
  aboutOpen: boolean
  /** Bumped to ask the search field to take focus (/, Ctrl/Cmd+F). */
  searchFocus: number
  focusSearch(): void
  patch(docId: string, change: Partial<DocumentViewState>): void
  setMode(docId: string, mode: ViewMode): void
  select(docId: string, index: number | null): void
  toggleExpanded(docId: string, index: number): void
  /** Asks the document's visible view to scroll to message `index`, select and mark it. */
  jumpTo(docId: string, index: number): void
  consumeJump(nonce: number): void
  setPanel(panel: SidePanel | null): void
  togglePanel(panel: SidePanel): void
  setPanelWidth(width: number): void
  setAboutOpen(open: boolean): void
  forget(docId: string): void
  /** Where each view was scrolled, kept outside React state so scrolling never re-renders. */
  scroll: Map<string, ScrollMemory>
}

export type ViewStore = StoreApi<ViewState>

export const DEFAULT_VIEW: DocumentViewState = Object.freeze({
  mode: 'timeline',
  selected: null,
  expanded: {},
  sort: undefined,
  filter: {},
  markdown: false,
}) as DocumentViewState

export const viewOf = (state: Pick<ViewState, 'views'>, docId: string): DocumentViewState =>
  state.views[docId] ?? DEFAULT_VIEW

export function createViewStore(): ViewStore {
  let nonce = 0
  return createStore<ViewState>((set, get) => ({
    views: {},
    panel: null,
    panelWidth: 380,
    jump: null,
    aboutOpen: false,
    searchFocus: 0,
    scroll: new Map(),
    focusSearch() {
      set({ searchFocus: get().searchFocus + 1 })
    },
    patch(docId, change) {
      set({ views: { ...get().views, [docId]: { ...viewOf(get(), docId), ...change } } })
    },
    setMode(docId, mode) {
      get().patch(docId, { mode })
    },
    select(docId, index) {
      if (viewOf(get(), docId).selected !== index) get().patch(docId, { selected: index })
    },
    toggleExpanded(docId, index) {
      const expanded = { ...viewOf(get(), docId).expanded }
      if (expanded[index]) delete expanded[index]
      else expanded[index] = true
      get().patch(docId, { expanded })
    },
    jumpTo(docId, index) {
      get().patch(docId, { selected: index })
      set({ jump: { docId, index, nonce: ++nonce } })
    },
    consumeJump(handled) {
      if (get().jump?.nonce === handled) set({ jump: null })
    },
    setPanel(panel) {
      set({ panel })
    },
    togglePanel(panel) {
      set({ panel: get().panel === panel ? null : panel })
    },
    setPanelWidth(width) {
      set({ panelWidth: Math.round(Math.min(900, Math.max(240, width))) })
    },
    setAboutOpen(aboutOpen) {
      set({ aboutOpen })
    },
    forget(docId) {
      const views = { ...get().views }
      delete views[docId]
      for (const key of [...get().scroll.keys()]) if (key.startsWith(`${docId}|`)) get().scroll.delete(key)
      set({ views })
    },
  }))
}
