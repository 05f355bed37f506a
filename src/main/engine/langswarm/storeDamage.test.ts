import { afterEach, describe, expect, it } from 'vitest'
import { readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Message, MessageRole, SessionMetadata, type StoreDamage } from '../../../shared/model/langswarm'
import { JsonFileBackend } from './backends'
import { repairSessionStore } from './storeRepair'
import { shardFileName } from './storeLayout'
import { tempDirs } from '../testing/tempDir'

const dirs = tempDirs()
const opened: JsonFileBackend[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((backend) => backend.disconnect()))
  await dirs.cleanup()
})

function open(path: string, indexShards?: number): JsonFileBackend {
  const backend = new JsonFileBackend({ path, indexShards })
  opened.push(backend)
  return backend
}

const say = (content: string) => new Message({ role: MessageRole.USER, content })

/** A closed one-shard store with sessions a, b, c holding one, two and three messages. */
async function storeWithThreeSessions(): Promise<string> {
  const path = join(await dirs.make(), 'store')
  const backend = open(path, 1)
  for (const [index, id] of ['a', 'b', 'c'].entries()) {
    const session = await backend.createSession(
      new SessionMetadata({ session_id: id, user_id: `user-${id}` }),
    )
    for (let turn = 0; turn <= index; turn += 1) await session.addMessage(say(`${id} says ${turn}`))
  }
  await backend.disconnect()
  return path
}

const contents = async (backend: JsonFileBackend, id: string) =>
  (await (await backend.getSession(id))!.getMessages()).map((message) => message.content)

/** Every file under `dir`, relative, with its bytes: to prove what a step changed and what it kept. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = join(entry.parentPath, entry.name)
    files.set(full.slice(dir.length + 1), await readFile(full, 'utf8'))
  }
  return files
}

const kinds = (damage: StoreDamage[] | undefined) =>
  (damage ?? []).map((item) => `${item.kind} ${item.file.split('/').slice(-2).join('/')}`).sort()

describe('a damaged JSON session store', () => {
  it('opens with what a truncated index shard still holds, reports it, and repair brings every session back', async () => {
    const path = await storeWithThreeSessions()
    const shard = join(path, 'index', shardFileName(0))
    const shardText = await readFile(shard, 'utf8')
    const cut = shardText.slice(0, shardText.indexOf('"c":') + 30) // a and b whole, c cut off
    await writeFile(shard, cut)

    const damaged = open(path)
    expect((await damaged.listSessions()).map((metadata) => metadata.session_id).sort()).toEqual(['a', 'b'])
    expect(await contents(damaged, 'b')).toEqual(['b says 0', 'b says 1'])
    const health = await damaged.healthCheck()
    expect(health.status).toBe('unhealthy')
    expect(kinds(health.damage)).toEqual([
      'index_shard index/shard-000.json',
      'orphaned_session_file sessions/c.json',
    ])
    expect(health.damage![0].problem).toMatch(/^Malformed JSON: .*; 2 records could still be read$/)
    expect(health.error).toContain(shard)
    // Writing would replace the damaged shard and drop what is left of it: refused until repaired.
    await expect(damaged.createSession(new SessionMetadata({ session_id: 'd' }))).rejects.toThrow(
      /index is damaged .*store-repair/,
    )
    await damaged.disconnect()

    const before = await snapshot(path)
    const dry = await repairSessionStore(path, { dryRun: true })
    expect(await snapshot(path)).toEqual(before)
    expect(dry.actions.map((action) => action.action)).toEqual([
      'kept_damaged_copy',
      'restored_session',
      'rewrote_index_shard',
    ])

    const report = await repairSessionStore(path)
    expect(report).toMatchObject({ dry_run: false, sessions: 3, lost_messages: 0 })
    const after = await snapshot(path)
    const kept = [...after.keys()].filter((name) => name.startsWith('index/shard-000.json.damaged-'))
    expect(kept).toHaveLength(1)
    expect(after.get(kept[0])).toBe(cut) // the damaged file is kept byte for byte
    for (const name of before.keys()) expect(after.has(name)).toBe(true) // nothing deleted

    const repaired = open(path)
    await repaired.connect()
    expect(await repaired.healthCheck()).toMatchObject({ status: 'healthy' })
    expect(await contents(repaired, 'c')).toEqual(['c says 0', 'c says 1', 'c says 2'])
    expect(await repaired.getSessionMetadata('a')).toMatchObject({ user_id: 'user-a' })
    expect(await repaired.getMessageCount('c')).toBe(3)
    await (await repaired.getSession('c'))!.addMessage(say('writable again'))
  })

  it('opens when store.json is damaged, and repair rewrites it keeping the shard count', async () => {
    const path = join(await dirs.make(), 'store')
    const backend = open(path, 7)
    for (const id of ['one', 'two', 'three', 'four']) {
      await (await backend.createSession(new SessionMetadata({ session_id: id }))).addMessage(say(id))
    }
    await backend.disconnect()
    const manifest = join(path, 'store.json')
    await writeFile(manifest, '{"format":"langswarm-memory-json-st')

    const damaged = open(path)
    expect(await damaged.getMessageCount('three')).toBe(1)
    expect(kinds((await damaged.healthCheck()).damage)).toEqual(['manifest store/store.json'])
    await damaged.disconnect()

    const report = await repairSessionStore(path)
    expect(report.actions.map((action) => action.action)).toEqual(['kept_damaged_copy', 'rewrote_manifest'])
    expect(JSON.parse(await readFile(manifest, 'utf8'))).toMatchObject({ index_shards: 7 })
    const repaired = open(path)
    await repaired.connect()
    expect(await repaired.healthCheck()).toMatchObject({ status: 'healthy' })
    expect((await repaired.listSessions()).length).toBe(4)
  })

  it('says a deleted session file is missing instead of reading it as empty, and repair recreates it', async () => {
    const path = await storeWithThreeSessions()
    const file = join(path, 'sessions', 'b.json')
    const backend = open(path)
    await backend.connect()
    await rm(file) // deleted behind the app's back, while the store is open

    const health = await backend.healthCheck()
    expect(health.status).toBe('unhealthy')
    expect(health.damage).toEqual([
      {
        kind: 'missing_session_file',
        file,
        problem: 'the session file is missing; the index counts 2 messages',
        session_id: 'b',
      },
    ])
    await expect(backend.getSession('b')).rejects.toThrow(`the session file ${file} is missing`)
    expect(await backend.getMessageCount('b')).toBe(2)
    // Usage figures (session.stats) still come, from what can be read, even where tokens must be recounted.
    await backend.disconnect()
    const recounting = new JsonFileBackend({
      path,
      tokenEstimator: { id: 'characters', count: (text) => text.length },
    })
    opened.push(recounting)
    expect(await recounting.getUsageStats()).toMatchObject({ session_count: 3, message_count: 6 })
    await recounting.disconnect()

    const report = await backend.repair()
    expect(report.lost_messages).toBe(2)
    expect(report.actions).toContainEqual(
      expect.objectContaining({ action: 'recreated_session_file', file, session_id: 'b' }),
    )
    expect(await contents(backend, 'b')).toEqual([]) // reconnected on use
    expect(await backend.getMessageCount('b')).toBe(0)
    expect(await backend.healthCheck()).toMatchObject({ status: 'healthy' })
  })

  it('notices a session orphaned by a crash (file written, index entry lost) and brings it back', async () => {
    const path = await storeWithThreeSessions()
    const shard = join(path, 'index', shardFileName(0))
    const index = JSON.parse(await readFile(shard, 'utf8'))
    delete index.sessions.c
    await writeFile(shard, JSON.stringify(index))

    const backend = open(path)
    expect(await backend.getSession('c')).toBeNull()
    expect(kinds((await backend.healthCheck()).damage)).toEqual(['orphaned_session_file sessions/c.json'])
    // Only index damage makes the store read-only; an orphan does not.
    await (await backend.getSession('a'))!.addMessage(say('still writable'))

    // A call made while the repair runs waits for it, and sees the repaired store.
    const [report, during] = await Promise.all([backend.repair(), backend.getSession('c')])
    expect(report.actions.map((action) => action.action)).toEqual(['restored_session', 'rewrote_index_shard'])
    expect(during).not.toBeNull()
    const restored = await backend.getSessionMetadata('c')
    const messages = await (await backend.getSession('c'))!.getMessages()
    expect(messages.map((message) => message.content)).toEqual(['c says 0', 'c says 1', 'c says 2'])
    expect(restored!.created_at.toIsoString()).toBe(messages[0].timestamp.toIsoString())
    expect(restored!.updated_at.toIsoString()).toBe(messages[2].timestamp.toIsoString())
    expect(await backend.healthCheck()).toMatchObject({ status: 'healthy' })
  })

  it('reports an unreadable session file and leaves it untouched', async () => {
    const path = await storeWithThreeSessions()
    const file = join(path, 'sessions', 'a.json')
    await writeFile(file, '{"session_id":"a","messages":[{"role":')
    const backend = open(path)
    await expect(backend.getSession('a')).rejects.toMatchObject({ details: { file } })
    expect(kinds((await backend.healthCheck()).damage)).toEqual(['unreadable_session_file sessions/a.json'])
    const report = await backend.repair()
    expect(report.actions).toEqual([expect.objectContaining({ action: 'left_unreadable', file })])
    expect(await readFile(file, 'utf8')).toBe('{"session_id":"a","messages":[{"role":')
  })

  it('refuses to repair a store another process holds, saying how to take it over', async () => {
    const path = await storeWithThreeSessions()
    const holder = open(path)
    await holder.connect()
    await expect(repairSessionStore(path)).rejects.toThrow(`If no Memory Inspector is running`)
    await expect(repairSessionStore(join(path, 'nothing-here'))).rejects.toThrow(
      /there is no session store at/,
    )
  })
})
