import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import {
  Message,
  MessageRole,
  SessionStatus,
  UtcDateTime,
  ValidationError,
} from '../../../shared/model/langswarm'
import { InMemoryBackend, JsonFileBackend } from './backends'
import { MemoryManager } from './memoryManager'
import { tempDirs } from '../testing/tempDir'

const dirs = tempDirs()
const managers: MemoryManager[] = []
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.stop()))
  await dirs.cleanup()
})

async function jsonManager(path?: string) {
  const manager = new MemoryManager(new JsonFileBackend({ path: path ?? join(await dirs.make(), 'store') }))
  managers.push(manager)
  return manager
}

describe('MemoryManager', () => {
  it('creates sessions with a generated uuid and metadata kwargs, without connect() or start()', async () => {
    const manager = await jsonManager()
    const session = await manager.createSession({
      user_id: 'u1',
      agent_id: 'a1',
      max_messages: 10,
      tags: ['t'],
    })
    expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/)
    expect(session.metadata.toDict()).toMatchObject({
      user_id: 'u1',
      agent_id: 'a1',
      max_messages: 10,
      tags: ['t'],
    })
    await expect(manager.createSession({ colour: 'red' } as never)).rejects.toThrow(ValidationError)
  })

  it('getSession restores from the backend after a restart', async () => {
    const path = join(await dirs.make(), 'store')
    const first = await jsonManager(path)
    const session = await first.createSession({ session_id: 'chat-1' })
    await session.addMessage(new Message({ role: MessageRole.USER, content: 'remember me' }))
    await first.stop()
    const second = await jsonManager(path)
    const restored = await second.getSession('chat-1')
    expect((await restored!.getMessages()).map((message) => message.content)).toEqual(['remember me'])
    expect(await second.getSession('unknown')).toBeNull()
  })

  it('getOrCreateSession returns the same session on repeat and under concurrency', async () => {
    const manager = new MemoryManager(new InMemoryBackend())
    managers.push(manager)
    const [a, b] = await Promise.all([
      manager.getOrCreateSession('x', { user_id: 'u' }),
      manager.getOrCreateSession('x'),
    ])
    expect(a).toBe(b)
    expect(await manager.getOrCreateSession('x')).toBe(a)
    expect(a.metadata.user_id).toBe('u')
  })

  it('getOrCreateSession racing for one new id in a JSON store keeps both writers’ messages', async () => {
    const path = join(await dirs.make(), 'store')
    const manager = await jsonManager(path)
    const [a, b] = await Promise.all([manager.getOrCreateSession('race'), manager.getOrCreateSession('race')])
    expect(a).toBe(b)
    await Promise.all([
      a.addMessage(new Message({ role: MessageRole.USER, content: 'through the first' })),
      b.addMessage(new Message({ role: MessageRole.USER, content: 'through the second' })),
    ])
    await manager.stop()
    const reopened = await jsonManager(path)
    const messages = await (await reopened.getSession('race'))!.getMessages()
    expect(messages.map((message) => message.content).sort()).toEqual([
      'through the first',
      'through the second',
    ])
  })

  it('lists a user’s sessions newest first with the default limit of 50', async () => {
    const manager = new MemoryManager(new InMemoryBackend())
    managers.push(manager)
    for (let index = 0; index < 55; index += 1) {
      await manager.createSession({
        session_id: `s${index}`,
        user_id: 'u1',
        updated_at: UtcDateTime.parse('2026-01-01T00:00:00Z').plusMilliseconds(index),
      })
    }
    await manager.createSession({ session_id: 'other', user_id: 'u2', status: SessionStatus.PAUSED })
    const listed = await manager.listUserSessions('u1')
    expect(listed).toHaveLength(50)
    expect(listed[0].session_id).toBe('s54')
    expect(await manager.listUserSessions('u2', SessionStatus.ACTIVE)).toEqual([])
  })

  it('deletes, cleans up expired sessions and reports system stats', async () => {
    const manager = await jsonManager()
    await manager.createSession({ session_id: 'gone', expires_at: '2000-01-01T00:00:00Z' })
    const kept = await manager.createSession({ session_id: 'kept' })
    await kept.addMessage(new Message({ role: MessageRole.USER, content: 'a b c' }))
    await manager.createSession({ session_id: 'deleted' })
    expect(await manager.deleteSession('deleted')).toBe(true)
    expect(await manager.deleteSession('deleted')).toBe(false)
    expect(await manager.cleanupExpiredSessions()).toBe(1)
    const stats = await manager.getSystemStats()
    expect(stats.backend_type).toBe('json_file')
    expect(stats.cached_sessions).toBe(1)
    expect(stats.health.status).toBe('healthy')
    expect(stats.usage).toMatchObject({
      session_count: 1,
      message_count: 1,
      total_tokens: 3,
      active_sessions: 1,
    })
    expect(typeof stats.usage.last_cleanup).toBe('string')
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats) // plain JSON, ready for IPC
  })

  it('start() runs the periodic cleanup and stop() releases the store', async () => {
    const path = join(await dirs.make(), 'store')
    const manager = await jsonManager(path)
    await manager.createSession({ session_id: 'old', expires_at: '2000-01-01T00:00:00Z' })
    await manager.start(20)
    await expect.poll(() => manager.backend.getSessionMetadata('old'), { timeout: 2000 }).toBeNull()
    await manager.stop()
    expect(manager.backend.isConnected).toBe(false)
    const next = await jsonManager(path)
    await expect(next.backend.connect()).resolves.toBe(true)
  })
})
