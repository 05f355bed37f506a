// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ConversationSummaryDict } from '../../../shared/model/langswarm/conversationSummary'
import type { MessageDict } from '../../../shared/model/langswarm/message'
import type { SessionMetadataDict } from '../../../shared/model/langswarm/sessionMetadata'
import { sessionMetadataDict } from '../../../shared/model/langswarm/testing/testMessages'
import { ApiError } from '../api/apiError'
import { createFakeClient, flush } from '../testing/fakeClient'
import { createSessionsStore, SESSION_PAGE } from './sessionsStore'

function metadata(id: string, overrides: Partial<SessionMetadataDict> = {}): SessionMetadataDict {
  return sessionMetadataDict({ session_id: id, ...overrides })
}

const message = (n: number, label = 'm'): MessageDict => ({
  role: n % 2 ? 'assistant' : 'user',
  content: `${label} ${n}`,
  timestamp: '2026-01-01T00:00:00+00:00',
  message_id: `${label}-${n}`,
})

/** A session store in memory, behind a fake client: enough of main's behaviour to drive the store. */
function fakeStore(sessionCount = 0, messageCount = 0) {
  const sessions: {
    metadata: SessionMetadataDict
    messages: MessageDict[]
    summary?: ConversationSummaryDict
  }[] = Array.from({ length: sessionCount }, (_, i) => ({
    metadata: metadata(`s${i}`, { user_id: i % 2 ? 'odd' : 'even' }),
    messages: Array.from({ length: messageCount }, (_, n) => message(n)),
  }))
  let lock: { pid: number } | null = null
  const find = (id: string) => {
    const session = sessions.find((s) => s.metadata.session_id === id)
    if (!session) throw new ApiError({ code: 'NOT_FOUND', message: `No session ${id} in the session store` })
    return session
  }
  const locked = () => {
    if (lock)
      throw new ApiError({
        code: 'LOCKED',
        message: `Session store /data/sessions.json is in use by pid ${lock.pid}`,
        details: { pid: lock.pid },
      })
  }
  const client = createFakeClient({
    'session.list': ({ userId, status, limit, offset }) => {
      locked()
      const matching = sessions.filter(
        (s) => (!userId || s.metadata.user_id === userId) && (!status || s.metadata.status === status),
      )
      return {
        sessions: matching
          .slice(offset, offset + limit)
          .map((s) => ({ metadata: s.metadata, messageCount: s.messages.length })),
        total: matching.length,
        offset,
      }
    },
    'session.stats': () => {
      locked()
      return {
        path: '/data/sessions.json',
        usage: {
          session_count: sessions.length,
          message_count: 0,
          total_tokens: 0,
          storage_size_bytes: 0,
          active_sessions: 0,
          last_cleanup: null,
        },
        health: {
          status: 'healthy',
          backend_type: 'json_file',
          session_count: sessions.length,
          connected: true,
          timestamp: '',
        },
      }
    },
    'session.get': ({ id }) => {
      const s = find(id)
      return { metadata: s.metadata, messageCount: s.messages.length, summary: s.summary ?? null }
    },
    'session.create': (input) => {
      const id = input.session_id ?? `new-${sessions.length}`
      if (sessions.some((s) => s.metadata.session_id === id))
        throw new ApiError({ code: 'CONFLICT', message: `Session "${id}" already exists` })
      const created = { metadata: metadata(id, { user_id: input.user_id ?? null }), messages: [] }
      sessions.unshift(created)
      return { metadata: created.metadata, messageCount: 0, summary: null }
    },
    'session.delete': ({ id }) => {
      find(id)
      sessions.splice(
        sessions.findIndex((s) => s.metadata.session_id === id),
        1,
      )
      return { deleted: true }
    },
    'session.summarize': ({ id }) => {
      const session = find(id)
      session.summary = {
        summary: 'They talked.',
        message_count: session.messages.length,
        start_time: '',
        end_time: '',
        key_topics: [],
        summary_id: 'x',
        created_at: '',
      }
      return session.summary
    },
  })
  const store = createSessionsStore(client)
  // As createStores wires it: main's session.changed reaches the store.
  client.on('session.changed', ({ id }) => store.getState().onChanged(id))
  return { client, store, sessions, setLock: (next: typeof lock) => (lock = next) }
}

describe('sessions store: the list', () => {
  it('asks for pages of 100, newest first, and pages on request', async () => {
    const { client, store } = fakeStore(250)
    await store.getState().refreshList()
    expect(client.callsTo('session.list')).toEqual([{ limit: SESSION_PAGE, offset: 0 }])
    expect(store.getState().list?.total).toBe(250)
    expect(store.getState().list?.sessions[0].metadata.session_id).toBe('s0')
    store.getState().goToPage(2)
    await flush()
    expect(client.callsTo('session.list').at(-1)).toEqual({ limit: SESSION_PAGE, offset: 200 })
    expect(store.getState().list?.sessions).toHaveLength(50)
  })

  it('sends the user and status filters to main and starts again at the first page', async () => {
    const { client, store } = fakeStore(250)
    store.getState().goToPage(1)
    await flush()
    store.getState().setUserFilter('  odd ')
    await flush()
    store.getState().setStatusFilter('active')
    await flush()
    expect(client.callsTo('session.list').at(-2)).toEqual({ userId: 'odd', limit: SESSION_PAGE, offset: 0 })
    expect(client.callsTo('session.list').at(-1)).toEqual({
      userId: 'odd',
      status: 'active',
      limit: SESSION_PAGE,
      offset: 0,
    })
    expect(store.getState().list?.total).toBe(125)
    store.getState().setStatusFilter('paused')
    await flush()
    expect(store.getState().list?.total).toBe(0)
  })

  it('lists oldest first by reading the pages from the far end', async () => {
    const { store } = fakeStore(250)
    store.getState().setNewestFirst(false)
    await flush()
    const ids = store.getState().list?.sessions.map((s) => s.metadata.session_id)
    expect(ids?.slice(0, 2)).toEqual(['s249', 's248'])
    expect(ids).toHaveLength(100)
    store.getState().goToPage(2)
    await flush()
    const last = store.getState().list?.sessions.map((s) => s.metadata.session_id)
    expect(last).toHaveLength(50)
    expect(last?.at(-1)).toBe('s0')
  })

  it('goes back to the last page when the page shown no longer exists', async () => {
    const { store, sessions } = fakeStore(250)
    store.getState().goToPage(2)
    await flush()
    sessions.splice(0, 100)
    await store.getState().refreshList()
    await flush()
    expect(store.getState().query.page).toBe(1)
    expect(store.getState().list?.offset).toBe(100)
    expect(store.getState().list?.sessions).toHaveLength(50)
  })

  it('reports a store locked by another instance with its pid, and clears it once the store is free', async () => {
    const { store, setLock } = fakeStore(3)
    setLock({ pid: 4242 })
    await store.getState().refreshList()
    await store.getState().refreshStats()
    expect(store.getState().lock?.pid).toBe(4242)
    expect(store.getState().listError).toBeNull()
    setLock(null)
    await store.getState().refreshList()
    expect(store.getState().lock).toBeNull()
    expect(store.getState().list?.total).toBe(3)
  })

  it('re-queries the list and the numbers when a session changes', async () => {
    const { client, store, sessions } = fakeStore(3)
    await store.getState().refreshList()
    sessions.splice(0, 1)
    client.emit('session.changed', { id: 's0' })
    await flush()
    expect(store.getState().list?.total).toBe(2)
    expect(client.callsTo('session.stats')).toHaveLength(1)
  })

  it('creates a session and lists it; a refused one says why', async () => {
    const { store } = fakeStore(1)
    const made = await store.getState().create({ session_id: 'fresh', user_id: 'u1' })
    expect(made.ok).toBe(true)
    await flush()
    expect(store.getState().list?.sessions[0].metadata.session_id).toBe('fresh')
    const again = await store.getState().create({ session_id: 'fresh' })
    expect(again).toEqual({ ok: false, message: 'Session "fresh" already exists' })
  })
})

describe('sessions store: sessions open as documents', () => {
  it('reads the metadata and summary of an open session, again when it changes, and says when it is gone', async () => {
    const { client, store, sessions } = fakeStore(3, 10)
    await store.getState().loadInfo('s1')
    expect(store.getState().info.s1.detail?.messageCount).toBe(10)
    sessions[1].messages.push(message(10))
    client.emit('session.changed', { id: 's1' })
    await flush()
    expect(store.getState().info.s1.detail?.messageCount).toBe(11)
    client.emit('session.changed', { id: 's2' }) // not open: only the list and the numbers are read again
    await flush()
    expect(client.callsTo('session.get').map((call) => call.id)).toEqual(['s1', 's1'])
    sessions.splice(1, 1)
    client.emit('session.changed', { id: 's1' })
    await flush()
    expect(store.getState().info.s1.gone).toBe(true)
  })

  it('summarizes on request and shows the new summary', async () => {
    const { client, store } = fakeStore(3, 10)
    await store.getState().loadInfo('s1')
    await store.getState().summarize('s1')
    expect(client.callsTo('session.summarize')).toEqual([{ id: 's1', force: true }])
    expect(store.getState().info.s1.detail?.summary?.summary).toBe('They talked.')
    expect(store.getState().info.s1.summarizing).toBe(false)
  })

  it('deletes a session and forgets what it showed of it; a refusal is kept to show', async () => {
    const { client, store, setLock } = fakeStore(3, 10)
    await store.getState().loadInfo('s1')
    expect(await store.getState().deleteSession('s1')).toBe(true)
    expect(client.callsTo('session.delete')).toEqual([{ id: 's1' }])
    expect(store.getState().info.s1).toBeUndefined()
    await store.getState().loadInfo('s2')
    client.handlers['session.delete'] = () => {
      throw new ApiError({ code: 'IO_ERROR', message: 'disk full' })
    }
    setLock(null)
    expect(await store.getState().deleteSession('s2')).toBe(false)
    expect(store.getState().info.s2.notice?.message).toContain('disk full')
  })
})
