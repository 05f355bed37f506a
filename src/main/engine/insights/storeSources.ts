/** A session store's sessions as insight sources: the newest first, each message as its `toDict()` JSON. */
import type { IMemoryBackend } from '../../../shared/model/langswarm'
import type { Progress } from './insightJob'
import { cancelledError, type ConversationSource } from './insightRunner'

/** Sessions read for store insights when the caller names no limit. */
export const DEFAULT_STORE_LIMIT = 200

export interface StoreSources {
  conversations: ConversationSource[]
  /** Sessions the store has (only `limit` are read). */
  sessionsTotal: number
}

export async function storeSources(
  backend: IMemoryBackend,
  limit: number,
  options: { signal?: AbortSignal; progress?: Progress } = {},
): Promise<StoreSources> {
  const page = await backend.listSessionsPage({ limit, offset: 0 })
  const conversations: ConversationSource[] = []
  for (const [done, metadata] of page.sessions.entries()) {
    options.progress?.('reading', done, page.sessions.length)
    if (options.signal?.aborted) throw cancelledError()
    const session = await backend.getSession(metadata.session_id)
    if (session) conversations.push(sessionSource(metadata.session_id, await session.getMessages()))
  }
  return { conversations, sessionsTotal: page.total }
}

/** One session's messages (already loaded) as a source. */
export function sessionSource(id: string, messages: readonly { toDict(): unknown }[]): ConversationSource {
  return {
    id,
    revision: 0,
    memoryType: null,
    count: messages.length,
    raw: (i) => JSON.stringify(messages[i].toDict()),
  }
}
