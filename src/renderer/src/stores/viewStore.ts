import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RowQuery } from '../../../shared/model/document'

export type ViewMode = 'timeline' | 'table'
export type SidePanel = 'search' | 'lint' | 'state' | 'facts'
/** How a message is being edited: its fields in a form, or the whole message as JSON. */
export type EditorMode = 'fields' | 'raw'

export interface DocumentViewState {
  mode: ViewMode
  /** The selected message (its index in the file). */
  selected: number | null
  /** Messages whose raw JSON and details are open. */
  expanded: Record<number, true>
  sort: RowQuery['sort']
  filter: NonNullable<RowQuery['filter']>
  markdown: boolean
  /** Messages picked for bulk edits (Ctrl/Cmd+click, Shift+click), sorted; empty means just `selected`. */
  multi: number[]
  /** Where a Shift+click range starts. */
  anchor: number | null
  /** Messages with an open editor. */
  editing: Record<number, EditorMode>
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
  /** Ctrl/Cmd+click: adds a message to the selection, or takes it out. */
  toggleInSelection(docId: string, index: number): void
  /** Shift+click: selects `indices` (the range from the anchor), `focus` becomes the current message. */
  selectRange(docId: string, indices: number[], focus: number): void
  /** After a structural edit: the messages that are now selected, and the current one. */
  setSelection(docId: string, indices: number[], focus: number | null): void
  openEditor(docId: string, index: number, mode: EditorMode): void
  closeEditor(docId: string, index: number): void
  closeAllEditors(docId: string): void
  /** Asks to close a document: the tab bar confirms first when it has unsaved edits. */
  confirmClose: string | null
  setConfirmClose(docId: string | null): void
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
  /** Editors' unapplied text by `docId#index#mode`, kept outside React so a card scrolled away keeps its draft. */
  drafts: Map<string, unknown>
}

export type ViewStore = StoreApi<ViewState>

export const DEFAULT_VIEW: DocumentViewState = Object.freeze({
  mode: 'timeline',
  selected: null,
  expanded: {},
  sort: undefined,
  filter: {},
  markdown: false,
  multi: [],
  anchor: null,
  editing: {},
}) as DocumentViewState

export const viewOf = (state: Pick<ViewState, 'views'>, docId: string): DocumentViewState =>
  state.views[docId] ?? DEFAULT_VIEW

/** The messages bulk actions apply to: the multi-selection, else the current message. */
export function selectionOf(view: Pick<DocumentViewState, 'multi' | 'selected'>): number[] {
  if (view.multi.length > 0) return view.multi
  return view.selected === null ? [] : [view.selected]
}

export const draftKey = (docId: string, index: number, mode: EditorMode): string =>
  `${docId}#${index}#${mode}`

const sortedUnique = (indices: number[]): number[] => [...new Set(indices)].sort((a, b) => a - b)

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
    drafts: new Map(),
    confirmClose: null,
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
      const view = viewOf(get(), docId)
      if (view.selected !== index || view.multi.length > 0)
        get().patch(docId, { selected: index, multi: [], anchor: index })
    },
    toggleInSelection(docId, index) {
      const view = viewOf(get(), docId)
      const current = selectionOf(view)
      if (current.includes(index)) {
        const rest = current.filter((other) => other !== index)
        const focus = view.selected === index ? (rest[rest.length - 1] ?? null) : view.selected
        get().patch(docId, { multi: rest.length > 1 ? rest : [], selected: focus, anchor: index })
      } else {
        const next = sortedUnique([...current, index])
        get().patch(docId, { multi: next.length > 1 ? next : [], selected: index, anchor: index })
      }
    },
    selectRange(docId, indices, focus) {
      const next = sortedUnique([...indices, focus])
      get().patch(docId, { multi: next.length > 1 ? next : [], selected: focus })
    },
    setSelection(docId, indices, focus) {
      const next = sortedUnique(indices)
      get().patch(docId, { multi: next.length > 1 ? next : [], selected: focus, anchor: focus })
    },
    openEditor(docId, index, mode) {
      const view = viewOf(get(), docId)
      if (view.editing[index] === mode) return
      get().patch(docId, { editing: { ...view.editing, [index]: mode } })
    },
    closeEditor(docId, index) {
      const view = viewOf(get(), docId)
      if (!view.editing[index]) return
      get().drafts.delete(draftKey(docId, index, 'fields'))
      get().drafts.delete(draftKey(docId, index, 'raw'))
      const editing = { ...view.editing }
      delete editing[index]
      get().patch(docId, { editing })
    },
    closeAllEditors(docId) {
      const view = get().views[docId]
      if (!view || Object.keys(view.editing).length === 0) return
      for (const key of [...get().drafts.keys()]) if (key.startsWith(`${docId}#`)) get().drafts.delete(key)
      get().patch(docId, { editing: {} })
    },
    setConfirmClose(confirmClose) {
      set({ confirmClose })
    },
    toggleExpanded(docId, index) {
      const expanded = { ...viewOf(get(), docId).expanded }
      if (expanded[index]) delete expanded[index]
      else expanded[index] = true
      get().patch(docId, { expanded })
    },
    jumpTo(docId, index) {
      get().patch(docId, { selected: index, multi: [], anchor: index })
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
      for (const key of [...get().drafts.keys()]) if (key.startsWith(`${docId}#`)) get().drafts.delete(key)
      set({ views, confirmClose: get().confirmClose === docId ? null : get().confirmClose })
    },
  }))
}
