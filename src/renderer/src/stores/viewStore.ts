import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RowQuery } from '../../../shared/model/document'

export type ViewMode = 'timeline' | 'table'
export type SidePanel =
  'search' | 'lint' | 'state' | 'facts' | 'tokens' | 'compaction' | 'insights' | 'handoffs'
/** How a message is being edited: its fields in a form, or the whole message as JSON. */
export type EditorMode = 'fields' | 'raw'

/**
 * How one document is shown. Every message reference here is a message id (MessageRow.id), never a position:
 * ids survive inserts, deletes and moves, so a selection, an open editor or an expanded card stays on its message.
 */
export interface DocumentViewState {
  mode: ViewMode
  /** The current message's id. */
  selected: number | null
  /** Messages whose raw JSON and details are open. */
  expanded: Record<number, true>
  sort: RowQuery['sort']
  filter: NonNullable<RowQuery['filter']>
  markdown: boolean
  /** Messages picked for bulk edits (Ctrl/Cmd+click, Shift+click); empty means just `selected`. */
  multi: number[]
  /** Where a Shift+click range starts. */
  anchor: number | null
  /** Messages with an open editor. */
  editing: Record<number, EditorMode>
}

/** Go to the message at `index` (a position: from search, lint, a tool-call link), and select it. */
export interface JumpRequest {
  docId: string
  index: number
  /** Scroll it into view (false: only select it, e.g. the message next to deleted ones). */
  scroll: boolean
  nonce: number
}

export interface ScrollMemory {
  offset: number
  measurements?: unknown[]
}

/** The app's own pages, shown when no document tab is active. */
export type HomePage = 'files' | 'sessions' | 'usage' | 'import' | 'compare' | 'settings'

export interface ViewState {
  views: Record<string, DocumentViewState>
  page: HomePage
  setPage(page: HomePage): void
  panel: SidePanel | null
  panelWidth: number
  jump: JumpRequest | null
  aboutOpen: boolean
  /** The "Go to message" dialog (Ctrl/Cmd+G). */
  goToOpen: boolean
  setGoToOpen(open: boolean): void
  /** The command palette (Ctrl/Cmd+Shift+P). */
  paletteOpen: boolean
  setPaletteOpen(open: boolean): void
  /** Bumped to ask the search field to take focus (/, Ctrl/Cmd+F). */
  searchFocus: number
  focusSearch(): void
  patch(docId: string, change: Partial<DocumentViewState>): void
  setMode(docId: string, mode: ViewMode): void
  select(docId: string, messageId: number | null): void
  /** Ctrl/Cmd+click: adds a message to the selection, or takes it out. */
  toggleInSelection(docId: string, messageId: number): void
  /** Shift+click: selects `messageIds` (the range from the anchor), `focus` becomes the current message. */
  selectRange(docId: string, messageIds: number[], focus: number): void
  /** After a structural edit: the messages that are now selected, and the current one. */
  setSelection(docId: string, messageIds: number[], focus: number | null): void
  openEditor(docId: string, messageId: number, mode: EditorMode): void
  closeEditor(docId: string, messageId: number): void
  closeAllEditors(docId: string): void
  /** Asks to close a document: the tab bar confirms first when it has unsaved edits. */
  confirmClose: string | null
  setConfirmClose(docId: string | null): void
  toggleExpanded(docId: string, messageId: number): void
  /** Asks the document's visible view to select the message at `index` and (unless told not to) scroll to it. */
  jumpTo(docId: string, index: number, options?: { scroll?: boolean }): void
  consumeJump(nonce: number): void
  setPanel(panel: SidePanel | null): void
  togglePanel(panel: SidePanel): void
  setPanelWidth(width: number): void
  setAboutOpen(open: boolean): void
  /** The compaction threshold as last set in the compaction form (null: its default); insights measure against it. */
  compactionThreshold: number | null
  setCompactionThreshold(tokens: number | null): void
  forget(docId: string): void
  /** Where each view was scrolled, kept outside React state so scrolling never re-renders. */
  scroll: Map<string, ScrollMemory>
  /** Editors' unapplied text by `docId#messageId#mode`, kept outside React so a card scrolled away keeps its draft. */
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

export const draftKey = (docId: string, messageId: number, mode: EditorMode): string =>
  `${docId}#${messageId}#${mode}`

const sortedUnique = (ids: number[]): number[] => [...new Set(ids)].sort((a, b) => a - b)

export function createViewStore(): ViewStore {
  let nonce = 0
  return createStore<ViewState>((set, get) => ({
    views: {},
    page: 'files',
    setPage(page) {
      set({ page })
    },
    panel: null,
    panelWidth: 380,
    jump: null,
    aboutOpen: false,
    compactionThreshold: null,
    goToOpen: false,
    setGoToOpen(goToOpen) {
      set({ goToOpen })
    },
    paletteOpen: false,
    setPaletteOpen(paletteOpen) {
      set({ paletteOpen })
    },
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
    select(docId, messageId) {
      const view = viewOf(get(), docId)
      if (view.selected !== messageId || view.multi.length > 0)
        get().patch(docId, { selected: messageId, multi: [], anchor: messageId })
    },
    toggleInSelection(docId, messageId) {
      const view = viewOf(get(), docId)
      const current = selectionOf(view)
      if (current.includes(messageId)) {
        const rest = current.filter((other) => other !== messageId)
        const focus = view.selected === messageId ? (rest[rest.length - 1] ?? null) : view.selected
        get().patch(docId, { multi: rest.length > 1 ? rest : [], selected: focus, anchor: messageId })
      } else {
        const next = sortedUnique([...current, messageId])
        get().patch(docId, { multi: next.length > 1 ? next : [], selected: messageId, anchor: messageId })
      }
    },
    selectRange(docId, messageIds, focus) {
      const next = sortedUnique([...messageIds, focus])
      get().patch(docId, { multi: next.length > 1 ? next : [], selected: focus })
    },
    setSelection(docId, messageIds, focus) {
      const next = sortedUnique(messageIds)
      get().patch(docId, { multi: next.length > 1 ? next : [], selected: focus, anchor: focus })
    },
    openEditor(docId, messageId, mode) {
      const view = viewOf(get(), docId)
      if (view.editing[messageId] === mode) return
      get().patch(docId, { editing: { ...view.editing, [messageId]: mode } })
    },
    closeEditor(docId, messageId) {
      const view = viewOf(get(), docId)
      if (!view.editing[messageId]) return
      get().drafts.delete(draftKey(docId, messageId, 'fields'))
      get().drafts.delete(draftKey(docId, messageId, 'raw'))
      const editing = { ...view.editing }
      delete editing[messageId]
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
    toggleExpanded(docId, messageId) {
      const expanded = { ...viewOf(get(), docId).expanded }
      if (expanded[messageId]) delete expanded[messageId]
      else expanded[messageId] = true
      get().patch(docId, { expanded })
    },
    jumpTo(docId, index, options) {
      set({ jump: { docId, index, scroll: options?.scroll ?? true, nonce: ++nonce } })
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
    setCompactionThreshold(compactionThreshold) {
      set({ compactionThreshold })
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
