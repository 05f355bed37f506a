import type { Stores } from '../../stores/createStores'
import type { HomePage, SidePanel } from '../../stores/viewStore'
import { viewOf } from '../../stores/viewStore'
import { compareWithAnother, compareWithSaved, whyNoSavedCompare } from '../compare/compareStore'
import { closeDocument } from '../documents/closeDocument'
import { deleteSelection, moveSelection, redo, undo } from '../editing/actions'
import { copySelectedMessagePath } from '../jsonPath/copyMessagePath'
import { matchesBinding, type KeyBinding, type ShortcutEvent } from './keyBinding'

/**
 * Where a key works:
 * - `anywhere`: in text fields too (Ctrl/Cmd+F never means "find in this web page" here);
 * - `notInDialog`: anywhere but in a dialog, whose own buttons answer it (a save dialog already asking);
 * - `outsideFields`: not while typing, in a message editor or in a dialog (they keep their own undo and keys);
 * - `list`: in the message list (timeline or table) when it has the focus;
 * - `editor`: in a message editor.
 */
export type KeyScope = 'anywhere' | 'notInDialog' | 'outsideFields' | 'list' | 'editor'

export interface BoundKey extends KeyBinding {
  /** Overrides the action's scope for this key. */
  scope?: KeyScope
}

export type ActionGroup = 'Pages' | 'File' | 'Edit' | 'Message' | 'Go' | 'Find' | 'View' | 'Panels' | 'Help'

/**
 * One thing the app can do: its name, its keys, and how to run it. The command palette lists these, the window's
 * key handler and the message list's keys dispatch through them, and docs/keyboard.md and the Help dialog list
 * them, so a key, its name and its handler cannot disagree.
 */
export interface AppAction {
  id: string
  title: string
  group: ActionGroup
  keys: BoundKey[]
  scope: KeyScope
  /** Why it cannot run now, or null when it can. */
  unavailable(stores: Stores): string | null
  run(stores: Stores): void
}

/** Keys that belong to one control rather than to an action (documented with the actions). */
export interface ControlKeys {
  keys: string
  does: string
}

/** The document the keys act on: the one on screen, when it parsed. */
export function activeDocument(stores: Stores): string | null {
  const { activeId, summaries } = stores.documents.getState()
  return activeId && summaries[activeId]?.status === 'ok' ? activeId : null
}

const NO_DOCUMENT = 'Open a file or a session first'

function needsDocument(stores: Stores): string | null {
  const { activeId } = stores.documents.getState()
  if (activeId === null) return NO_DOCUMENT
  return activeDocument(stores) ? null : 'The document could not be parsed'
}

function selectedMessage(stores: Stores): { docId: string; messageId: number } | null {
  const docId = activeDocument(stores)
  if (!docId) return null
  const messageId = viewOf(stores.view.getState(), docId).selected
  return messageId === null ? null : { docId, messageId }
}

/** A tab is open on a document, parsed or not. */
const needsTab = (stores: Stores): string | null =>
  stores.documents.getState().activeId === null ? NO_DOCUMENT : null

function needsSelection(stores: Stores): string | null {
  return needsDocument(stores) ?? (selectedMessage(stores) ? null : 'Select a message first')
}

/** Runs `task` with the active document (callers check availability first). */
const withDocument =
  (task: (stores: Stores, docId: string) => unknown) =>
  (stores: Stores): void => {
    const docId = activeDocument(stores)
    if (docId) void task(stores, docId)
  }

const withSelection =
  (task: (stores: Stores, docId: string, messageId: number) => unknown) =>
  (stores: Stores): void => {
    const selected = selectedMessage(stores)
    if (selected) void task(stores, selected.docId, selected.messageId)
  }

function openFiles(stores: Stores, folders: boolean): void {
  void stores.workspace
    .getState()
    .openDialog(folders)
    .then((paths) => {
      if (paths.length > 0) void stores.documents.getState().open(paths)
    })
}

function switchDocument(stores: Stores, step: 1 | -1): void {
  const { order, activeId } = stores.documents.getState()
  if (order.length === 0) return
  const at = activeId === null ? (step > 0 ? -1 : 0) : order.indexOf(activeId)
  stores.documents.getState().activate(order[(at + step + order.length) % order.length])
}

/** Selects a message by its place in the file: the next or previous one, the first or the last. */
async function stepMessage(
  stores: Stores,
  docId: string,
  to: 'next' | 'previous' | 'first' | 'last',
): Promise<void> {
  const count = stores.documents.getState().summaries[docId]?.messageCount ?? 0
  if (count === 0) return
  const selected = viewOf(stores.view.getState(), docId).selected
  let index = to === 'last' || (to === 'previous' && selected === null) ? count - 1 : 0
  if (selected !== null && (to === 'next' || to === 'previous')) {
    const { indices } = await stores.client.call('document.locate', { id: docId, messageIds: [selected] })
    const at = indices[0] ?? 0
    index = Math.max(0, Math.min(count - 1, at + (to === 'next' ? 1 : -1)))
  }
  stores.view.getState().jumpTo(docId, index)
}

const always = (): null => null

function page(page: HomePage, title: string): AppAction {
  return {
    id: `page.${page}`,
    title: `Go to the ${title} page`,
    group: 'Pages',
    keys: [],
    scope: 'anywhere',
    unavailable: always,
    run: (stores) => {
      stores.view.getState().setPage(page)
      stores.documents.getState().activate(null)
    },
  }
}

function panel(id: SidePanel, title: string, extra?: (stores: Stores) => string | null): AppAction {
  return {
    id: `panel.${id}`,
    title: `Show or hide the ${title} panel`,
    group: 'Panels',
    keys: [],
    scope: 'anywhere',
    unavailable: (stores) => needsDocument(stores) ?? extra?.(stores) ?? null,
    run: (stores) => stores.view.getState().togglePanel(id),
  }
}

function history(direction: 'undo' | 'redo', keys: BoundKey[]): AppAction {
  return {
    id: `edit.${direction}`,
    title: direction === 'undo' ? 'Undo' : 'Redo',
    group: 'Edit',
    keys,
    scope: 'outsideFields',
    unavailable: (stores) => {
      const state = stores.edit.getState().states[activeDocument(stores) ?? '']
      const can = direction === 'undo' ? state?.canUndo : state?.canRedo
      return needsDocument(stores) ?? (can === false ? `Nothing to ${direction}` : null)
    },
    run: withDocument((stores, docId) => (direction === 'undo' ? undo : redo)(stores, docId)),
  }
}

/** F2 / Shift+F2: the selected message's fields editor, or its raw JSON editor. */
function editMessage(mode: 'fields' | 'raw'): AppAction {
  return {
    id: mode === 'fields' ? 'message.edit' : 'message.editRaw',
    title: mode === 'fields' ? 'Edit the selected message' : 'Edit the selected message as raw JSON',
    group: 'Message',
    keys: [{ key: 'F2', shift: mode === 'raw' }],
    scope: 'outsideFields',
    unavailable: needsSelection,
    run: withSelection((stores, docId, messageId) =>
      stores.view.getState().openEditor(docId, messageId, mode),
    ),
  }
}

function step(to: 'next' | 'previous' | 'first' | 'last', key: string): AppAction {
  return {
    id: `go.${to}`,
    title: `Select the ${to} message`,
    group: 'Go',
    keys: [{ key, scope: 'list' }],
    scope: 'list',
    unavailable: needsDocument,
    run: withDocument((stores, docId) => stepMessage(stores, docId, to)),
  }
}

function move(direction: 'up' | 'down', key: string): AppAction {
  return {
    id: `message.move${direction === 'up' ? 'Up' : 'Down'}`,
    title: `Move the selected messages ${direction}`,
    group: 'Message',
    keys: [{ key, alt: true }],
    scope: 'outsideFields',
    unavailable: needsSelection,
    run: withDocument((stores, docId) => moveSelection(stores, docId, direction)),
  }
}

/** F3 / Shift+F3: the next or previous result, or the search field when nothing was searched yet. */
function searchStep(to: 'next' | 'previous', shift: boolean): AppAction {
  return {
    id: `find.${to}`,
    title: `${to === 'next' ? 'Next' : 'Previous'} search result`,
    group: 'Find',
    keys: [{ key: 'F3', shift }],
    scope: 'anywhere',
    unavailable: always,
    run: (stores) => {
      const search = stores.search.getState()
      if (!search.result && !search.storeResult) stores.view.getState().focusSearch()
      else if (to === 'next') search.next()
      else search.previous()
    },
  }
}

export const APP_ACTIONS: readonly AppAction[] = [
  {
    id: 'palette.open',
    title: 'Show all commands',
    group: 'Help',
    keys: [{ key: 'p', mod: true, shift: true }],
    scope: 'anywhere',
    unavailable: always,
    run: (stores) => stores.view.getState().setPaletteOpen(true),
  },
  page('files', 'Files'),
  page('sessions', 'Sessions'),
  page('usage', 'Usage'),
  page('import', 'Import'),
  page('compare', 'Compare'),
  page('settings', 'Settings'),
  {
    id: 'compare.with',
    title: 'Compare this conversation with another…',
    group: 'File',
    keys: [],
    scope: 'anywhere',
    unavailable: needsDocument,
    run: withDocument(compareWithAnother),
  },
  {
    id: 'compare.saved',
    title: 'Compare with saved: the file as saved against your edits',
    group: 'File',
    keys: [],
    scope: 'anywhere',
    unavailable: (stores) =>
      needsDocument(stores) ??
      whyNoSavedCompare(stores.documents.getState().summaries[activeDocument(stores) ?? '']),
    run: withDocument(compareWithSaved),
  },
  {
    id: 'file.open',
    title: 'Open a file…',
    group: 'File',
    keys: [{ key: 'o', mod: true }],
    scope: 'anywhere',
    unavailable: always,
    run: (stores) => {
      if (stores.workspace.getState().roots?.canBrowse) openFiles(stores, false)
      else stores.workspace.getState().focusOpenPath()
    },
  },
  {
    id: 'file.openFolder',
    title: 'Open a folder…',
    group: 'File',
    keys: [],
    scope: 'anywhere',
    unavailable: (stores) =>
      stores.workspace.getState().roots?.canBrowse
        ? null
        : 'Only in the desktop app: type a folder into Open path',
    run: (stores) => openFiles(stores, true),
  },
  {
    id: 'file.openPath',
    title: 'Type a path to open',
    group: 'File',
    keys: [],
    scope: 'anywhere',
    unavailable: always,
    run: (stores) => stores.workspace.getState().focusOpenPath(),
  },
  {
    id: 'file.save',
    title: 'Save',
    group: 'File',
    keys: [{ key: 's', mod: true }],
    scope: 'notInDialog',
    unavailable: needsDocument,
    run: withDocument((stores, docId) => stores.saveFlow.getState().save(docId)),
  },
  {
    id: 'file.saveAs',
    title: 'Save as…',
    group: 'File',
    keys: [{ key: 's', mod: true, shift: true }],
    scope: 'notInDialog',
    unavailable: needsDocument,
    run: withDocument((stores, docId) => stores.saveFlow.getState().saveAs(docId)),
  },
  {
    id: 'file.revert',
    title: 'Revert: read the file or session again, dropping unsaved edits',
    group: 'File',
    keys: [],
    scope: 'anywhere',
    unavailable: needsDocument,
    run: withDocument((stores, docId) => stores.saveFlow.getState().revert(docId)),
  },
  {
    id: 'file.close',
    title: 'Close the document',
    group: 'File',
    keys: [{ key: 'w', mod: true }],
    scope: 'anywhere',
    unavailable: needsTab,
    run: (stores) => {
      const { activeId } = stores.documents.getState()
      if (activeId !== null) void closeDocument(stores, activeId)
    },
  },
  history('undo', [{ key: 'z', mod: true }]),
  history('redo', [
    { key: 'z', mod: true, shift: true },
    { key: 'y', mod: true },
  ]),
  editMessage('fields'),
  editMessage('raw'),
  {
    id: 'message.apply',
    title: 'Apply the edit',
    group: 'Message',
    keys: [{ key: 'Enter', mod: true }],
    scope: 'editor',
    unavailable: () => 'Press it in a message editor',
    run: () => undefined,
  },
  {
    id: 'message.toggleRaw',
    title: 'Show or hide the selected message’s raw JSON',
    group: 'Message',
    keys: [{ key: 'Enter', scope: 'list' }],
    scope: 'list',
    unavailable: needsSelection,
    run: withSelection((stores, docId, messageId) => stores.view.getState().toggleExpanded(docId, messageId)),
  },
  {
    id: 'message.copyPath',
    title: 'Copy the selected message’s JSON path',
    group: 'Message',
    keys: [],
    scope: 'anywhere',
    unavailable: needsSelection,
    run: withSelection((stores, docId, messageId) => copySelectedMessagePath(stores, docId, messageId)),
  },
  {
    id: 'message.delete',
    title: 'Delete the selected messages',
    group: 'Message',
    keys: [{ key: 'Delete' }],
    scope: 'outsideFields',
    unavailable: needsSelection,
    run: withDocument((stores, docId) => deleteSelection(stores, docId)),
  },
  move('up', 'ArrowUp'),
  move('down', 'ArrowDown'),
  step('next', 'ArrowDown'),
  step('previous', 'ArrowUp'),
  step('first', 'Home'),
  step('last', 'End'),
  {
    id: 'go.message',
    title: 'Go to a message by its number…',
    group: 'Go',
    keys: [{ key: 'g', mod: true }],
    scope: 'anywhere',
    unavailable: needsTab,
    run: (stores) => stores.view.getState().setGoToOpen(true),
  },
  {
    id: 'go.nextDocument',
    title: 'Next document tab',
    group: 'Go',
    keys: [
      { key: 'Tab', ctrl: true },
      { key: 'PageDown', mod: true },
    ],
    scope: 'anywhere',
    unavailable: (stores) => (stores.documents.getState().order.length === 0 ? 'No document is open' : null),
    run: (stores) => switchDocument(stores, 1),
  },
  {
    id: 'go.previousDocument',
    title: 'Previous document tab',
    group: 'Go',
    keys: [
      { key: 'Tab', ctrl: true, shift: true },
      { key: 'PageUp', mod: true },
    ],
    scope: 'anywhere',
    unavailable: (stores) => (stores.documents.getState().order.length === 0 ? 'No document is open' : null),
    run: (stores) => switchDocument(stores, -1),
  },
  {
    id: 'find.focus',
    title: 'Search',
    group: 'Find',
    keys: [
      { key: 'f', mod: true },
      { key: '/', shift: 'any', scope: 'outsideFields' },
    ],
    scope: 'anywhere',
    unavailable: always,
    run: (stores) => stores.view.getState().focusSearch(),
  },
  searchStep('next', false),
  searchStep('previous', true),
  {
    id: 'view.toggleMode',
    title: 'Switch between timeline and table',
    group: 'View',
    keys: [],
    scope: 'anywhere',
    unavailable: needsDocument,
    run: withDocument((stores, docId) => {
      const view = stores.view.getState()
      view.setMode(docId, viewOf(view, docId).mode === 'timeline' ? 'table' : 'timeline')
    }),
  },
  {
    id: 'view.markdown',
    title: 'Show text as Markdown, or as written',
    group: 'View',
    keys: [],
    scope: 'anywhere',
    unavailable: needsDocument,
    run: withDocument((stores, docId) => {
      const view = stores.view.getState()
      view.patch(docId, { markdown: !viewOf(view, docId).markdown })
    }),
  },
  panel('lint', 'Lint'),
  panel('state', 'Agent state / Session'),
  panel('facts', 'Facts', (stores) =>
    stores.documents.getState().summaries[activeDocument(stores)!]?.memoryType === 'kg'
      ? null
      : 'Only kg memories have facts',
  ),
  panel('tokens', 'Tokens'),
  panel('compaction', 'Summary & compaction'),
  panel('insights', 'Insights'),
  panel('handoffs', 'Hand-offs'),
  panel('search', 'Search results'),
  {
    id: 'help.about',
    title: 'Help, keyboard shortcuts and about',
    group: 'Help',
    keys: [],
    scope: 'anywhere',
    unavailable: always,
    run: (stores) => stores.view.getState().setAboutOpen(true),
  },
]

/** Keys that belong to one control (a field, the tab strip, a dialog, a click) rather than to an action. */
export const CONTROL_KEYS: readonly ControlKeys[] = [
  { keys: 'Enter / Shift+Enter in the search field', does: 'next / previous result' },
  { keys: 'Ctrl/Cmd+click, Shift+click on a message', does: 'add it to the selection, select a range' },
  { keys: 'Double-click on a table row', does: 'show or hide its raw JSON' },
  { keys: '← / →, Home / End in the tab strip', does: 'move between pages and documents' },
  { keys: 'Delete on a focused tab', does: 'close that document (asks first when it has unsaved edits)' },
  { keys: 'Escape', does: 'close a dialog or the command palette' },
]

export function actionById(id: string): AppAction {
  const action = APP_ACTIONS.find((candidate) => candidate.id === id)
  if (!action) throw new Error(`No action ${id}`)
  return action
}

/** The action one of whose keys of `scope` this event is (list and editor keys are matched where they work). */
export function actionForKey(event: ShortcutEvent, scope: KeyScope): AppAction | null {
  for (const action of APP_ACTIONS)
    for (const key of action.keys)
      if ((key.scope ?? action.scope) === scope && matchesBinding(key, event)) return action
  return null
}
