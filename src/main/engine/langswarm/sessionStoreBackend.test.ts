import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import {
  Message,
  MessageRole,
  SessionExistsError,
  SessionMetadata,
  SessionStatus,
  UtcDateTime,
  type SessionMetadataInit,
} from '../../../shared/model/langswarm'
import { InMemoryBackend, JsonFileBackend } from './backends'
import type { BackendOptions } from './sessionStoreBackend'
import { tempDirs } from '../testing/tempDir'

const dirs = tempDirs()
const opened: { disconnect(): Promise<boolean> }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((backend) => backend.disconnect()))
  await dirs.cleanup()
})

const factories = {
  in_memory: async (options: BackendOptions = {}) => new InMemoryBackend(options),
  json_file: async (options: BackendOptions = {}) =>
    new JsonFileBackend({ ...options, path: join(await dirs.make(), 'store') }),
}

const meta = (session_id: string, init: Partial<SessionMetadataInit> = {}) =>
  new SessionMetadata({ session_id, ...init })
const at = (iso: string) => UtcDateTime.parse(iso)

describe.each(Object.entries(factories))('%s backend', (kind, factory) => {
  async function backend(options: BackendOptions = {}) {
    const created = await factory(options)
    opened.push(created)
    return created
  }

  it('works without an explicit connect() and reports its type', async () => {
    const store = await backend()
    expect(store.isConnected).toBe(false)
    const session = await store.createSession(meta('a'))
    expect(store.isConnected).toBe(true)
    expect(session.sessionId).toBe('a')
    expect(store.backendType).toBe(kind)
  })

  it('creates, gets (one live object per id) and refuses duplicate ids', async () => {
    const store = await backend()
    const created = await store.createSession(meta('a', { user_id: 'u1' }))
    expect(await store.getSession('a')).toBe(created)
    expect(await store.getSession('missing')).toBeNull()
    await expect(store.createSession(meta('a'))).rejects.toThrow(SessionExistsError)
    const [first, second] = await Promise.allSettled([
      store.createSession(meta('b')),
      store.createSession(meta('b')),
    ])
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected'])
  })

  it('lists newest updated_at first with filters, paging and totals', async () => {
    const store = await backend()
    await store.createSession(meta('old', { user_id: 'u1', updated_at: '2026-01-01T00:00:00+00:00' }))
    await store.createSession(
      meta('mid', { user_id: 'u2', updated_at: '2026-01-02T00:00:00+00:00', status: SessionStatus.PAUSED }),
    )
    await store.createSession(meta('new', { user_id: 'u1', updated_at: '2026-01-03T00:00:00+00:00' }))
    expect((await store.listSessions()).map((m) => m.session_id)).toEqual(['new', 'mid', 'old'])
    expect((await store.listSessions('u1')).map((m) => m.session_id)).toEqual(['new', 'old'])
    expect((await store.listSessions(null, SessionStatus.PAUSED)).map((m) => m.session_id)).toEqual(['mid'])
    expect((await store.listSessions(null, null, 1, 1)).map((m) => m.session_id)).toEqual(['mid'])
    const page = await store.listSessionsPage({ userId: 'u1', limit: 1, offset: 0 })
    expect(page.total).toBe(2)
    expect(page.sessions.map((m) => m.session_id)).toEqual(['new'])
    // touching the oldest moves it to the top
    await (await store.getSession('old'))!.addMessage(new Message({ role: MessageRole.USER, content: 'hi' }))
    expect((await store.listSessions())[0].session_id).toBe('old')
    await expect(store.listSessions(null, null, -1)).rejects.toThrow(/limit/)
  })

  it('offers metadata and message counts without opening the session', async () => {
    const store = await backend()
    const session = await store.createSession(meta('a', { agent_id: 'agent-7' }))
    await session.addMessage(new Message({ role: MessageRole.USER, content: 'one' }))
    await session.addMessage(new Message({ role: MessageRole.ASSISTANT, content: 'two' }))
    expect(await store.getMessageCount('a')).toBe(2)
    expect(await store.getMessageCount('nope')).toBeNull()
    expect((await store.getSessionMetadata('a'))?.agent_id).toBe('agent-7')
    expect(await store.getSessionMetadata('nope')).toBeNull()
  })

  it('deletes sessions, returns false for unknown ids and detaches live handles', async () => {
    const store = await backend()
    const session = await store.createSession(meta('a'))
    expect(await store.deleteSession('a')).toBe(true)
    expect(await store.deleteSession('a')).toBe(false)
    expect(await store.getSession('a')).toBeNull()
    await expect(session.addMessage(new Message({ role: MessageRole.USER, content: 'x' }))).rejects.toThrow(
      /deleted/,
    )
    // the id can be reused
    expect((await store.createSession(meta('a'))).messageCount).toBe(0)
  })

  it('cleans up expired sessions across the whole store, including ones never opened', async () => {
    let now = at('2026-06-01T00:00:00+00:00')
    const store = await backend({ clock: () => now })
    await store.createSession(meta('expired', { expires_at: '2026-05-31T23:59:59+00:00' }))
    await store.createSession(meta('exact', { expires_at: '2026-06-01T00:00:00+00:00' }))
    await store.createSession(meta('later', { expires_at: '2026-07-01T00:00:00+00:00' }))
    await store.createSession(meta('never'))
    await store.disconnect() // nothing cached any more
    expect(await store.cleanupExpiredSessions()).toBe(1)
    expect((await store.listSessions()).map((m) => m.session_id).sort()).toEqual(['exact', 'later', 'never'])
    now = at('2026-07-01T00:00:00.000001+00:00')
    expect(await store.cleanupExpiredSessions()).toBe(2)
    expect((await store.getUsageStats()).last_cleanup?.toIsoString()).toBe('2026-07-01T00:00:00.000001+00:00')
  })

  it('reports usage over the whole store with estimated tokens', async () => {
    const store = await backend()
    const a = await store.createSession(meta('a'))
    await a.addMessage(new Message({ role: MessageRole.USER, content: 'three little words' }))
    await a.addMessage(new Message({ role: MessageRole.ASSISTANT, content: 'counted', token_count: 10 }))
    await store.createSession(meta('b', { status: SessionStatus.ARCHIVED }))
    await store.disconnect()
    const usage = await store.getUsageStats()
    expect(usage.session_count).toBe(2)
    expect(usage.message_count).toBe(2)
    expect(usage.total_tokens).toBe(13)
    expect(usage.active_sessions).toBe(1)
    expect(usage.last_cleanup).toBeNull()
    if (kind === 'json_file') expect(usage.storage_size_bytes).toBeGreaterThan(0)
  })

  it('recounts token totals stored under a different estimator', async () => {
    const store = await backend()
    const session = await store.createSession(meta('a'))
    await session.addMessage(new Message({ role: MessageRole.USER, content: 'abcdef' }))
    if (kind === 'json_file') {
      const path = (store as JsonFileBackend).storePath
      await store.disconnect()
      const chars = new JsonFileBackend({
        path,
        tokenEstimator: { id: 'chars', count: (text) => text.length },
      })
      opened.push(chars)
      expect((await chars.getUsageStats()).total_tokens).toBe(6)
    } else {
      expect((await store.getUsageStats()).total_tokens).toBe(1)
    }
  })

  it('has the spec health_check shape', async () => {
    const store = await backend({ clock: () => at('2026-01-01T00:00:00+00:00') })
    expect(await store.healthCheck()).toEqual({
      status: 'disconnected',
      backend_type: kind,
      session_count: 0,
      connected: false,
      timestamp: '2026-01-01T00:00:00+00:00',
    })
    await store.createSession(meta('a'))
    expect(await store.healthCheck()).toMatchObject({ status: 'healthy', connected: true, session_count: 1 })
  })

  it('persists a replaced message list with its count, token total and updated_at in the index', async () => {
    const store = await backend({ clock: () => at('2026-06-01T00:00:00+00:00') })
    const session = await store.createSession(meta('a', { updated_at: '2026-01-01T00:00:00+00:00' }))
    const kept = new Message({ role: MessageRole.USER, content: 'three little words' })
    await session.addMessage(kept)
    await session.addMessage(new Message({ role: MessageRole.ASSISTANT, content: 'gone' }))
    const edited = new Message({ role: MessageRole.ASSISTANT, content: 'now five words in here' })
    await session.replaceMessages((current) => [
      current[0],
      edited,
      edited.with({ message_id: 'x', token_count: 4 }),
    ])
    await store.disconnect()
    expect(await store.getMessageCount('a')).toBe(3)
    expect((await store.getSessionMetadata('a'))?.updated_at.toIsoString()).toBe('2026-06-01T00:00:00+00:00')
    expect((await store.getUsageStats()).total_tokens).toBe(3 + 5 + 4)
    const again = await store.getSession('a')
    expect((await again!.getMessages()).map((m) => [m.message_id, m.content])).toEqual([
      [kept.message_id, 'three little words'],
      [edited.message_id, 'now five words in here'],
      ['x', 'now five words in here'],
    ])
  })

  it('keeps data across disconnect/reconnect and detaches old handles', async () => {
    const store = await backend()
    const session = await store.createSession(meta('a'))
    await session.addMessage(new Message({ role: MessageRole.USER, content: 'persist me' }))
    await store.disconnect()
    await expect(session.addMessage(new Message({ role: MessageRole.USER, content: 'x' }))).rejects.toThrow(
      /disconnected/,
    )
    const again = await store.getSession('a')
    expect(again).not.toBe(session)
    expect((await again!.getMessages()).map((m) => m.content)).toEqual(['persist me'])
  })
})
