// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { InputOf } from '../../../shared/contract'
import type { ConversationSummaryDict } from '../../../shared/model/langswarm/conversationSummary'
import type { MessageDict } from '../../../shared/model/langswarm/message'
import type { SessionMetadataDict } from '../../../shared/model/langswarm/sessionMetadata'
import type { SessionEditCommand, SessionEditState } from '../../../shared/model/session'
import { sessionMetadataDict } from '../../../shared/model/langswarm/testMessages'
import { ApiError } from '../api/apiError'
import { createFakeClient, flush } from '../testing/fakeClient'
import {
  connectSessionEvents,
  createSessionsStore,
  MAX_MESSAGE_WINDOWS,
  MESSAGE_WINDOW,
  messageAt,
  SESSION_PAGE,
} from './sessionsStore'

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
  const edit = { revision: 0, undo: [] as string[] }
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
  const state = (id: string): SessionEditState => ({
    id,
    revision: edit.revision,
    canUndo: edit.undo.length > 0,
    canRedo: false,
    undoLabel: edit.undo.at(-1) ?? null,
    redoLabel: null,
  })
  const apply = (id: string, commands: SessionEditCommand[]) => {
    const { messages } = find(id)
    for (const command of commands) {
      if (command.op === 'deleteMessages')
        for (const index of [...command.indices].sort((a, b) => b - a)) messages.splice(index, 1)
      if (command.op === 'setMessage')
        messages[command.index] = { ...messages[command.index], content: command.content ?? '' }
      if (command.op === 'insertMessage')
        messages.splice(command.index, 0, { ...message(messages.length, 'new'), content: command.content })
    }
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
    'session.messages': ({ id, offset, limit }) => {
      const { messages } = find(id)
      return { total: messages.length, offset, messages: messages.slice(offset, offset + limit) }
    },
    'session.editState': ({ id }) => {
      find(id)
      return state(id)
    },
    'session.edit': ({ id, revision, commands }) => {
      find(id)
      if (revision !== edit.revision)
        throw new ApiError({
          code: 'CONFLICT',
          message: `Session ${id} is at edit revision ${edit.revision}`,
        })
      apply(id, commands)
      edit.revision += 1
      edit.undo.push(commands[0].op)
      return state(id)
    },
    'session.undo': ({ id }) => {
      edit.revision += 1
      edit.undo.pop()
      return state(id)
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
  connectSessionEvents(store, client)
  return {
    client,
    store,
    sessions,
    edit,
    setLock: (next: typeof lock) => (lock = next),
    /** Someone else edits the session (another window, the CLI). */
    editElsewhere: () => (edit.revision += 1),
  }
}

async function opened(sessionCount = 3, messageCount = 10) {
  const fake = fakeStore(sessionCount, messageCount)
  fake.store.getState().openSession('s1')
  fake.store.getState().ensureMessages(0, 20)
  await flush()
  return fake
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

describe('sessions store: the open session', () => {
  it('fetches message windows of 200 as they show, including system messages, never the whole session', async () => {
    const { client, store } = await opened(3, 1000)
    expect(client.callsTo('session.messages')).toEqual([
      { id: 's1', offset: 0, limit: MESSAGE_WINDOW, includeSystem: true },
    ])
    store.getState().ensureMessages(190, 420)
    store.getState().ensureMessages(190, 420)
    await flush()
    expect(client.callsTo('session.messages').map((c) => c.offset)).toEqual([0, 200, 400])
    const messages = store.getState().open!.messages
    expect(messages.total).toBe(1000)
    expect(messageAt(messages, 401)?.content).toBe('m 401')
    expect(messageAt(messages, 900)).toBeUndefined()
    expect(client.callsTo('session.messages').every((c) => c.limit === MESSAGE_WINDOW)).toBe(true)
  })

  it('keeps a bounded number of windows and fetches an evicted one again', async () => {
    const { client, store } = await opened(2, MESSAGE_WINDOW * (MAX_MESSAGE_WINDOWS + 5))
    for (let n = 1; n < MAX_MESSAGE_WINDOWS + 5; n++) {
      store.getState().ensureMessages(n * MESSAGE_WINDOW, n * MESSAGE_WINDOW + 1)
      await flush(2)
    }
    expect(Object.keys(store.getState().open!.messages.windows)).toHaveLength(MAX_MESSAGE_WINDOWS)
    const before = client.callsTo('session.messages').length
    store.getState().ensureMessages(0, 10)
    await flush()
    expect(client.callsTo('session.messages')).toHaveLength(before + 1)
  })

  it('sends each edit at the revision the previous answer gave, one after the other', async () => {
    const { client, store } = await opened()
    expect(store.getState().open?.editState?.revision).toBe(0)
    const first = store.getState().edit([{ op: 'setMessage', index: 2, content: 'changed' }])
    const second = store.getState().edit([{ op: 'deleteMessages', indices: [0] }])
    expect((await first).ok).toBe(true)
    expect((await second).ok).toBe(true)
    expect(client.callsTo('session.edit').map((c) => c.revision)).toEqual([0, 1])
    expect(store.getState().open?.editState).toMatchObject({ revision: 2, undoLabel: 'deleteMessages' })
    await flush()
    // The view asks for what it shows again; the changed messages are fetched again.
    store.getState().ensureMessages(0, 20)
    await flush()
    // The changed messages are fetched again.
    expect(messageAt(store.getState().open!.messages, 1)?.content).toBe('changed')
    expect(store.getState().open?.detail?.messageCount).toBe(9)
    await store.getState().undo()
    expect(store.getState().open?.editState?.revision).toBe(3)
  })

  it('recovers from a stale revision: fetches the edit state, tells the user, and edits at the new revision', async () => {
    const { client, store, editElsewhere } = await opened()
    editElsewhere()
    const outcome = await store.getState().edit([{ op: 'setMessage', index: 0, content: 'x' }])
    expect(outcome).toMatchObject({ ok: false, reason: 'stale' })
    expect(store.getState().open?.editState?.revision).toBe(1)
    expect(store.getState().open?.notice?.message).toMatch(/changed before this edit reached it/)
    expect(client.callsTo('session.editState')).toHaveLength(2)
    const retry = await store.getState().edit([{ op: 'setMessage', index: 0, content: 'x' }])
    expect(retry.ok).toBe(true)
    expect(client.callsTo('session.edit').map((c) => c.revision)).toEqual([0, 1])
    expect(store.getState().open?.notice).toBeNull()
  })

  it('deletes and moves the selected messages by their current positions', async () => {
    const { client, store } = await opened()
    store.getState().toggleSelected('m-7')
    store.getState().toggleSelected('m-3')
    store.getState().toggleSelected('m-5')
    store.getState().toggleSelected('m-5')
    await store.getState().moveSelected('up')
    expect(client.callsTo('session.edit').at(-1)?.commands).toEqual([
      { op: 'moveMessages', indices: [3, 7], direction: 'up' },
    ])
    await store.getState().deleteSelected()
    expect(client.callsTo('session.edit').at(-1)?.commands).toEqual([
      { op: 'deleteMessages', indices: [3, 7] },
    ])
    expect(store.getState().open?.selected).toEqual([])
  })

  it('re-queries the open session when it changes elsewhere, and says when it is gone', async () => {
    const { client, store, sessions } = await opened()
    sessions[1].messages.push(message(10))
    client.emit('session.changed', { id: 's1' })
    await flush()
    store.getState().ensureMessages(0, 20)
    await flush()
    expect(store.getState().open?.detail?.messageCount).toBe(11)
    expect(store.getState().open?.messages.total).toBe(11)
    client.emit('session.changed', { id: 's2' }) // another session: nothing to fetch
    await flush()
    const calls = client.calls.length
    expect(client.callsTo('session.list')).toHaveLength(0)
    sessions.splice(1, 1)
    client.emit('session.changed', { id: 's1' })
    await flush()
    expect(client.calls.length).toBeGreaterThan(calls)
    expect(store.getState().open?.gone).toBe(true)
  })

  it('drops answers for a session closed meanwhile', async () => {
    let release: () => void = () => undefined
    const { client, store } = fakeStore(2, 5)
    const original = client.handlers['session.get']!
    client.handlers['session.get'] = (input: InputOf<'session.get'>) =>
      new Promise((resolve) => (release = () => resolve(original(input))))
    store.getState().openSession('s1')
    store.getState().closeSession()
    release()
    await flush()
    expect(store.getState().open).toBeNull()
  })

  it('summarizes on request and shows the new summary', async () => {
    const { client, store } = await opened()
    await store.getState().summarize()
    expect(client.callsTo('session.summarize')).toEqual([{ id: 's1', force: true }])
    expect(store.getState().open?.detail?.summary?.summary).toBe('They talked.')
  })

  it('deletes the open session and goes back to the list', async () => {
    const { client, store } = await opened()
    expect(await store.getState().deleteOpen()).toBe(true)
    expect(store.getState().open).toBeNull()
    await flush()
    expect(client.callsTo('session.delete')).toEqual([{ id: 's1' }])
    expect(store.getState().list?.total).toBe(2)
  })
})
