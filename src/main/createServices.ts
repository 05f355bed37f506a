import type { AppContext } from './appContext'
import type { EventBus } from './api/events'
import type { Dialogs, Services } from './api/services'
import { diagnoseMarsysFile } from './engine/conversations/files/diagnose'
import { countMarsysTokens } from './engine/conversations/files/fileConversation'
import { ConversationStore } from './engine/conversations/conversationStore'
import { envSecretStore, type SecretStore } from './engine/llm/llmSettings'
import type { OpenPolicy } from './engine/conversations/files/openPolicy'
import { RecentFiles } from './engine/conversations/files/recentFiles'
import { SessionWorkspace } from './engine/sessions/sessionWorkspace'

export interface ServiceOptions {
  context: AppContext
  bus: EventBus
  policy: OpenPolicy
  dialogs?: Dialogs | null
  /** Where the LLM API key is kept (default: the environment). */
  secrets?: SecretStore
}

/** Builds the engine behind the handlers, the same way for the Electron window and web mode. */
export function createServices({ context, bus, policy, dialogs, secrets }: ServiceOptions): Services {
  const recent = new RecentFiles(context.dataDir)
  const sessions = new SessionWorkspace(context.dataDir)
  const documents = new ConversationStore({
    policy,
    recent,
    countTokens: countMarsysTokens,
    diagnose: diagnoseMarsysFile,
    emit: (event, payload) => bus.emit(event, payload),
    sessionStore: sessions,
  })
  return {
    context,
    documents,
    recent,
    policy,
    dialogs: dialogs ?? null,
    sessions,
    bus,
    secrets: secrets ?? envSecretStore(),
    disposers: [],
  }
}
