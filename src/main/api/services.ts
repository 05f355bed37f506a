import type { AppContext } from '../appContext'
import type { ConversationStore } from '../engine/conversations/conversationStore'
import type { OpenPolicy } from '../engine/conversations/files/openPolicy'
import type { RecentFiles } from '../engine/conversations/files/recentFiles'
import type { SecretStore } from '../engine/llm/llmSettings'
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
  /** The open documents: MARSYS files and store sessions, one conversation engine. */
  documents: ConversationStore
  recent: RecentFiles
  policy: OpenPolicy
  dialogs: Dialogs | null
  /** The session store in the data folder. */
  sessions: SessionWorkspace
  bus: EventBus
  /** The LLM API key: safeStorage in the desktop app, MEMORY_INSPECTOR_LLM_API_KEY in web mode. */
  secrets: SecretStore
  /** What must be released when the process ends (worker pools, open stores): `disposeServices` runs them. */
  disposers: (() => void | Promise<void>)[]
}

/** Releases everything the services hold, the last registered first; one failure does not stop the others. */
export async function disposeServices(services: Services): Promise<void> {
  services.documents.dispose()
  for (const dispose of [...services.disposers].reverse())
    await Promise.resolve(dispose()).catch(() => undefined)
  await services.sessions.close()
}
