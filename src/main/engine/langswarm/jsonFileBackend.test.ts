import { afterEach, describe, expect, it } from 'vitest'
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  BackendError,
  Message,
  MessageRole,
  SessionMetadata,
  SessionStatus,
  StoreLockedError,
  type SessionMetadataInit,
} from '../../../shared/model/langswarm'
import { JsonFileBackend, type JsonFileBackendOptions } from './backends'
import { fnv1a, shardFileName } from './storeLayout'
import { tempDirs } from '../testing/tempDir'
import { sessionMetadataDict } from '../../../shared/model/langswarm/testing/testMessages'

const dirs = tempDirs()
const opened: JsonFileBackend[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((backend) => backend.disconnect()))
  await dirs.cleanup()
})

async function storeDir(): Promise<string> {
  return join(await dirs.make(), 'store')
}

function open(path: string, options: Partial<JsonFileBackendOptions> = {}): JsonFileBackend {
  const backend = new JsonFileBackend({ path, ...options })
  opened.push(backend)
  return backend
}

const meta = (session_id: string, init: Partial<SessionMetadataInit> = {}) =>
  new SessionMetadata({ session_id, ...init })
const text = (
  role: MessageRole,
  content: string,
  extra: Partial<ConstructorParameters<typeof Message>[0]> = {},
) => new Message({ role, content, ...extra })
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'))

describe('JsonFileBackend persistence', () => {
  it('restores every kind of change after a restart of the backend', async () => {
    const path = await storeDir()
    const first = open(path)
    const session = await first.createSession(meta('s1', { max_messages: 4, summary_threshold: 5 }))
    await session.addMessage(text(MessageRole.SYSTEM, 'You are terse.'))
    for (let index = 0; index < 5; index += 1) {
      await session.addMessage(
        text(index % 2 ? MessageRole.ASSISTANT : MessageRole.USER, `turn number ${index}`),
      )
    }
    // trim happened (4 kept, system first) and an automatic summary was created
    const summary = await session.getSummary()
    expect(summary).not.toBeNull()
    // metadata fields the Python SQLite backend never persists after creation
    await session.updateMetadata({
      user_id: 'u9',
      agent_id: 'a9',
      workflow_id: 'w9',
      expires_at: '2030-01-01T00:00:00+00:00',
    })
    await session.close()
    const expected = (await session.getMessages()).map((message) => message.toDict())
    const expectedMeta = session.metadata.toDict()
    await first.disconnect()

    const second = open(path)
    const restored = (await second.getSession('s1'))!
    expect((await restored.getMessages()).map((message) => message.toDict())).toEqual(expected)
    expect(expected).toHaveLength(4)
    expect(expected[0].role).toBe('system')
    expect(restored.metadata.toDict()).toEqual(expectedMeta)
    expect(restored.metadata.status).toBe(SessionStatus.COMPLETED)
    expect((await restored.getSummary())?.toDict()).toEqual(summary?.toDict())

    // clears persist too (the Python backends resurrect cleared messages)
    await restored.clearMessages(true)
    await second.disconnect()
    const third = open(path)
    const afterKeepSystem = (await third.getSession('s1'))!
    expect((await afterKeepSystem.getMessages()).map((message) => message.role)).toEqual(['system'])
    expect(await afterKeepSystem.getSummary()).not.toBeNull()
    await afterKeepSystem.clearMessages(false)
    await third.disconnect()
    const fourth = open(path)
    const afterFull = (await fourth.getSession('s1'))!
    expect(afterFull.messageCount).toBe(0)
    expect(await afterFull.getSummary()).toBeNull()
    expect(await afterFull.getSummaryHistory()).toHaveLength(1)

    // deletes persist
    expect(await fourth.deleteSession('s1')).toBe(true)
    await fourth.disconnect()
    expect(await open(path).getSession('s1')).toBeNull()
  })

  it('writes the documented layout: index with metadata only, one file per session', async () => {
    const path = await storeDir()
    const backend = open(path, { indexShards: 8 })
    const session = await backend.createSession(
      meta('9b2f6a3e-1c4d-4e5f-8a7b-0c1d2e3f4a5b', { user_id: 'u1' }),
    )
    await session.addMessage(
      text(MessageRole.USER, 'secret message body', { timestamp: '2026-11-22T03:21:42.629026+00:00' }),
    )
    expect(await readJson(join(path, 'store.json'))).toMatchObject({
      format: 'langswarm-memory-json-store',
      version: 1,
      index_shards: 8,
    })
    // shards are written when first needed; this session hashes to exactly one of the eight
    const shardName = shardFileName(fnv1a(session.sessionId) % 8)
    expect(await readdir(join(path, 'index'))).toEqual([shardName])
    const shardText = await readFile(join(path, 'index', shardName), 'utf8')
    expect(shardText).not.toContain('secret message body')
    expect(shardText).not.toContain('\n') // compact
    const shard = JSON.parse(shardText)
    expect(shard.sessions[session.sessionId]).toMatchObject({
      file: `${session.sessionId}.json`,
      message_count: 1,
      token_total: 3,
      token_estimator: 'words',
      metadata: { session_id: session.sessionId, user_id: 'u1', status: 'active' },
    })
    const file = await readJson(join(path, 'sessions', `${session.sessionId}.json`))
    expect(file.messages[0]).toEqual({
      role: 'user',
      content: 'secret message body',
      timestamp: '2026-11-22T03:21:42.629026+00:00',
      message_id: file.messages[0].message_id,
    })
    expect(file).toMatchObject({ session_id: session.sessionId, summaries: [], current_summary_id: null })
    expect(await readFile(join(path, 'store.lock'), 'utf8')).toContain(`"pid":${process.pid}`)
  })

  it("never rewrites another session's file", async () => {
    const path = await storeDir()
    const backend = open(path)
    const a = await backend.createSession(meta('a'))
    const b = await backend.createSession(meta('b'))
    await b.addMessage(text(MessageRole.USER, 'b stays'))
    const bFile = join(path, 'sessions', 'b.json')
    const before = await stat(bFile)
    const beforeText = await readFile(bFile, 'utf8')
    await new Promise((resolve) => setTimeout(resolve, 20))
    for (let index = 0; index < 5; index += 1) await a.addMessage(text(MessageRole.USER, `a ${index}`))
    const after = await stat(bFile)
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(after.ino).toBe(before.ino) // an atomic rewrite would have replaced the inode
    expect(await readFile(bFile, 'utf8')).toBe(beforeText)
  })

  it('reads stores holding Python-written records and keeps their strings exact', async () => {
    const path = await storeDir()
    const backend = open(path, { indexShards: 1 })
    await backend.connect()
    await backend.disconnect()
    const metadata = sessionMetadataDict({
      session_id: 'py-session',
      user_id: 'alice',
      created_at: '2026-11-22T03:21:40.000001+00:00',
      updated_at: '2026-11-22T03:21:42.629026+00:00',
    })
    const messages = [
      {
        role: 'user',
        content: 'Hello there',
        timestamp: '2026-11-22T03:21:42.629026+00:00',
        message_id: '3d07d6c3-0000-4000-8000-000000000001',
      },
      {
        role: 'assistant',
        content: 'Hi!',
        timestamp: '2024-01-01T00:00:00+00:00',
        message_id: '3d07d6c3-0000-4000-8000-000000000002',
        token_count: 0,
      },
    ]
    await writeFile(
      join(path, 'index', shardFileName(0)),
      JSON.stringify({
        sessions: {
          'py-session': {
            file: 'py-session.json',
            metadata,
            message_count: 2,
            token_total: 3,
            token_estimator: 'words',
          },
        },
      }),
    )
    await writeFile(
      join(path, 'sessions', 'py-session.json'),
      JSON.stringify({ session_id: 'py-session', messages, summaries: [], current_summary_id: null }),
    )
    const reopened = open(path)
    expect((await reopened.getSessionMetadata('py-session'))?.toDict()).toEqual(metadata)
    const session = (await reopened.getSession('py-session'))!
    expect((await session.getMessages()).map((message) => message.toDict())).toEqual(messages)
    await session.addMessage(text(MessageRole.USER, 'next'))
    const file = await readFile(join(path, 'sessions', 'py-session.json'), 'utf8')
    expect(file).toContain('"timestamp":"2026-11-22T03:21:42.629026+00:00"')
    expect(file).toContain('"timestamp":"2024-01-01T00:00:00+00:00"')
  })

  it('loses no update under concurrent writes in one process', async () => {
    const path = await storeDir()
    const backend = open(path, { indexShards: 2 }) // few shards: many sessions share an index file
    const ids = Array.from({ length: 12 }, (_, index) => `session-${index}`)
    await Promise.all(
      ids.map((id) => backend.createSession(meta(id, { max_messages: 500, auto_summarize: false }))),
    )
    const sessions = await Promise.all(ids.map((id) => backend.getSession(id)))
    await Promise.all(
      sessions.flatMap((session, sessionIndex) => [
        ...Array.from({ length: 15 }, (_, index) =>
          session!.addMessage(text(MessageRole.USER, `${sessionIndex}:${index}`)),
        ),
        session!.updateMetadata({ tags: [`tag-${sessionIndex}`] }),
      ]),
    )
    await backend.disconnect()
    const reopened = open(path)
    for (const [sessionIndex, id] of ids.entries()) {
      const session = (await reopened.getSession(id))!
      expect((await session.getMessages()).map((message) => message.content)).toEqual(
        Array.from({ length: 15 }, (_, index) => `${sessionIndex}:${index}`),
      )
      expect(session.metadata.tags).toEqual([`tag-${sessionIndex}`])
      expect(await reopened.getMessageCount(id)).toBe(15)
    }
  })

  it('rolls back a change whose write failed and reports IO_ERROR with the file', async () => {
    const path = await storeDir()
    const backend = open(path)
    const session = await backend.createSession(meta('a'))
    await session.addMessage(text(MessageRole.USER, 'first'))
    // A non-empty directory where the session file belongs makes the atomic rename fail, even for root.
    const file = join(path, 'sessions', 'a.json')
    await rm(file)
    await mkdir(join(file, 'blocker'), { recursive: true })
    const error = await session
      .addMessage(text(MessageRole.USER, 'second'))
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).code).toBe('IO_ERROR')
    expect((error as BackendError).details.file).toBe(file)
    expect(session.messageCount).toBe(1)
    expect(await backend.getMessageCount('a')).toBe(1)
    await rm(file, { recursive: true })
    await session.addMessage(text(MessageRole.USER, 'third'))
    await backend.disconnect()
    const reopened = open(path)
    expect((await (await reopened.getSession('a'))!.getMessages()).map((message) => message.content)).toEqual(
      ['first', 'third'],
    )
  })

  it('reports malformed files as BackendError naming the file and JSON path, and releases the lock', async () => {
    const path = await storeDir()
    const backend = open(path, { indexShards: 1 })
    const session = await backend.createSession(meta('a'))
    await session.addMessage(text(MessageRole.USER, 'x'))
    await backend.disconnect()

    const sessionFile = join(path, 'sessions', 'a.json')
    const good = await readJson(sessionFile)
    await writeFile(
      sessionFile,
      JSON.stringify({ ...good, messages: [{ ...good.messages[0], role: 'robot' }] }),
    )
    const reader = open(path)
    const error = await reader.getSession('a').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).details).toMatchObject({ file: sessionFile, path: '$.messages[0].role' })
    await reader.disconnect()

    // A damaged index opens read-only (storeDamage.test.ts); a store of a newer format is refused outright.
    const manifest = join(path, 'store.json')
    const manifestText = await readFile(manifest, 'utf8')
    await writeFile(manifest, JSON.stringify({ ...JSON.parse(manifestText), version: 99 }))
    const newer = open(path)
    await expect(newer.connect()).rejects.toMatchObject({ code: 'IO_ERROR', details: { file: manifest } })
    await writeFile(manifest, manifestText)
    expect(await open(path).getMessageCount('a')).toBe(1) // the failed open released the lock
  })

  it('removes temp files a crashed writer left and keeps the last good state', async () => {
    const path = await storeDir()
    const backend = open(path)
    await (await backend.createSession(meta('a'))).addMessage(text(MessageRole.USER, 'durable'))
    await backend.disconnect()
    const leftover = join(path, 'sessions', '.a.json.12345.tmp')
    await writeFile(leftover, '{"session_id":"a","messages":[{"role":"us') // torn write, never renamed
    const reopened = open(path)
    expect((await (await reopened.getSession('a'))!.getMessages()).map((message) => message.content)).toEqual(
      ['durable'],
    )
    await expect(stat(leftover)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('repairs index counts that lag the session file (crash between the two writes)', async () => {
    const path = await storeDir()
    const backend = open(path, { indexShards: 1 })
    const session = await backend.createSession(meta('a'))
    await session.addMessage(text(MessageRole.USER, 'one two'))
    await backend.disconnect()
    const shard = join(path, 'index', shardFileName(0))
    const index = await readJson(shard)
    index.sessions.a.message_count = 0
    index.sessions.a.token_total = 0
    await writeFile(shard, JSON.stringify(index))
    const reopened = open(path)
    expect(await reopened.getMessageCount('a')).toBe(0)
    await reopened.getSession('a')
    expect(await reopened.getMessageCount('a')).toBe(1)
    expect((await readJson(shard)).sessions.a).toMatchObject({ message_count: 1, token_total: 2 })
  })

  it('stores awkward session ids under portable, distinct file names', async () => {
    const path = await storeDir()
    const backend = open(path)
    const ids = ['User/42:chat', 'user/42:chat', 'CON', '../escape', 'ünïcødé id', 'x'.repeat(300)]
    for (const id of ids) await (await backend.createSession(meta(id))).addMessage(text(MessageRole.USER, id))
    const names = await readdir(join(path, 'sessions'))
    expect(names).toHaveLength(ids.length)
    for (const name of names) expect(name).toMatch(/^[a-z0-9_-]{1,100}\.json$/)
    await backend.disconnect()
    const reopened = open(path)
    for (const id of ids) expect((await (await reopened.getSession(id))!.getMessages())[0].content).toBe(id)
  })

  it('refuses to turn a non-empty foreign folder into a store', async () => {
    const path = await storeDir()
    await mkdir(path, { recursive: true })
    await writeFile(join(path, 'notes.txt'), 'mine')
    await expect(open(path).connect()).rejects.toThrow(/not a session store/)
    await expect(stat(join(path, 'store.lock'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('lets one backend per store hold it inside a process too', async () => {
    const path = await storeDir()
    const first = open(path)
    await first.connect()
    const error = await open(path)
      .connect()
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StoreLockedError)
    expect((error as StoreLockedError).code).toBe('LOCKED')
    expect((error as StoreLockedError).message).toContain(`pid ${process.pid}`)
    await first.disconnect()
    await expect(stat(join(path, 'store.lock'))).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(open(path).connect()).resolves.toBe(true)
  })

  it('reports unhealthy when its lock file disappears', async () => {
    const path = await storeDir()
    const backend = open(path)
    await backend.connect()
    await rm(join(path, 'store.lock'))
    expect(await backend.healthCheck()).toMatchObject({ status: 'unhealthy', connected: true })
  })

  it('counts storage bytes from disk', async () => {
    const path = await storeDir()
    const backend = open(path, { indexShards: 1 })
    await (await backend.createSession(meta('a'))).addMessage(text(MessageRole.USER, 'x'.repeat(5000)))
    const usage = await backend.getUsageStats()
    const files = [
      join(path, 'store.json'),
      join(path, 'store.lock'),
      join(path, 'index', shardFileName(0)),
      join(path, 'sessions', 'a.json'),
    ]
    const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size))
    expect(usage.storage_size_bytes).toBe(sizes.reduce((sum, size) => sum + size, 0))
  })
})
