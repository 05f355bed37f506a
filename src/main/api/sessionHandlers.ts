import { SessionMetadata } from '../../shared/model/langswarm/sessionMetadata'
import type { SessionDetail, SessionInfo } from '../../shared/model/session'
import type { IMemorySession } from '../../shared/model/langswarm/interfaces'
import { AppError } from '../engine/appError'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type SessionHandlers = Pick<
  Handlers,
  | 'session.list'
  | 'session.get'
  | 'session.open'
  | 'session.create'
  | 'session.delete'
  | 'session.summarize'
  | 'session.summary'
  | 'session.stats'
>

const info = (metadata: SessionMetadata, messageCount: number): SessionInfo => ({
  metadata: metadata.toDict(),
  messageCount,
})

/** The session store's list, lifecycle and summaries; a session's messages and metadata are edited as a document. */
export function createSessionHandlers({ sessions, documents, bus }: Services): SessionHandlers {
  const open = async (id: string): Promise<IMemorySession> => {
    const session = await (await sessions.get()).getSession(id)
    if (!session) throw new AppError('NOT_FOUND', `No session ${id} in the session store`, { sessionId: id })
    return session
  }
  const detail = async (session: IMemorySession): Promise<SessionDetail> => ({
    ...info(session.metadata, session.messageCount),
    summary: (await session.getSummary())?.toDict() ?? null,
  })
  const changed = (id: string): void => bus.emit('session.changed', { id })

  return {
    'session.list': async ({ userId, status, limit, offset }) => {
      const backend = (await sessions.get()).backend
      const page = await backend.listSessionsPage({ userId, status, limit, offset })
      const rows = await Promise.all(
        page.sessions.map(async (metadata) =>
          info(metadata, (await backend.getMessageCount(metadata.session_id)) ?? 0),
        ),
      )
      return { sessions: rows, total: page.total, offset: page.offset }
    },
    'session.get': async ({ id }) => detail(await open(id)),
    'session.open': ({ id }) => documents.openSession(id),
    'session.create': async (options) => {
      const session = await (await sessions.get()).createSession(options)
      changed(session.sessionId)
      return detail(session)
    },
    'session.delete': async ({ id }) => {
      const deleted = await (await sessions.get()).deleteSession(id)
      await documents.sessionChanged(id) // closes its document, if open
      if (deleted) changed(id)
      return { deleted }
    },
    'session.summarize': async ({ id, force }) => {
      const summary = await (await open(id)).createSummary(force ?? false)
      changed(id)
      return summary?.toDict() ?? null
    },
    'session.summary': async ({ id }) => (await (await open(id)).getSummary())?.toDict() ?? null,
    'session.stats': async () => {
      const manager = await sessions.get()
      const stats = await manager.getSystemStats()
      return { path: sessions.path, usage: stats.usage, health: stats.health }
    },
  }
}
