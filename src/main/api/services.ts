import type { AppContext } from './handlers'
import type { DocumentStore } from '../engine/conversations/conversationStore'
import type { OpenPolicy } from '../engine/conversations/files/openPolicy'
import type { RecentFiles } from '../engine/conversations/files/recentFiles'
import type { SessionEditor } from '../engine/sessions/sessionEditor'
import type { SessionWorkspace } from '../engine/sessions/sessionWorkspace'
import type { EventBus } from './events'

/** Native dialogs exist only in the Electron window; web mode has none. */
export interface Dialogs {
  openPaths(options: { folders: boolean }): Promise<string[]>
  savePath(options: { defaultPath: string }): Promise<string | null>
}

/** Everything the handlers reach: built once per process by the Electron shell or web mode. */
export interface Services {
  context: AppContext
  documents: DocumentStore
  recent: RecentFiles
  policy: OpenPolicy
  dialogs: Dialogs | null
  sessions: SessionWorkspace
  /** Undo/redo of edits to the sessions in `sessions`. */
  sessionEditor: SessionEditor
  bus: EventBus
}
