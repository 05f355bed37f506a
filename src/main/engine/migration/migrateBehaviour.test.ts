import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionMetadata, type IMemoryBackend } from '../../../shared/model/langswarm'
import { fixturePath } from '../testing/fixtures'
import { MemoryMigrator } from './memoryMigrator'
import { migrate } from './migrate'
import { buildV2Database, insert, newDatabase, saveDatabase } from './testing/specDatabases'
import { migrationFixtures } from './testing/stores'

const fx = migrationFixtures()
afterEach(() => fx.cleanup())

async function marsysFolder(): Promise<string> {
  const dir = join(await fx.dir(), 'agents')
  await mkdir(join(dir, 'nested'), { recursive: true })
  await copyFile(fixturePath('01_plain_conversation.json'), join(dir, 'a.json'))
  await copyFile(fixturePath('03_tool_calls.json'), join(dir, 'nested', 'b.memory'))
  await copyFile(fixturePath('10_kg_facts.json'), join(dir, 'kg.json'))
  await writeFile(join(dir, 'notes.txt'), 'not memory')
  await writeFile(join(dir, 'package.json'), '{"name": "x"}')
  return dir
}

describe('migrate', () => {
  it('reads a folder of MARSYS files by content, whatever the extension, and reports other JSON', async () => {
    const dir = await marsysFolder()
    const store = await fx.store()
    const report = await migrate([dir], store)
    expect(report.sources).toEqual([
      { path: dir, kind: 'marsys_folder', sessions: 3, messages: expect.any(Number), finished: true },
    ])
    expect(report.sessions_migrated).toBe(3)
    expect(report.errors).toEqual([
      {
        source: dir,
        location: join(dir, 'package.json'),
        error: 'JSON, but neither a MARSYS memory file (no memory_type or messages) nor a backup',
      },
    ])
    expect(report.sessions.map((s) => s.session_id).sort()).toEqual([
      expect.stringMatching(/^marsys-a-[0-9a-f]{8}$/),
      expect.stringMatching(/^marsys-b-[0-9a-f]{8}$/),
      expect.stringMatching(/^marsys-kg-[0-9a-f]{8}$/),
    ])
  })

  it('maps kg facts to subject, predicate, object, keeping the rendering as the content', async () => {
    const store = await fx.store()
    const report = await migrate([fixturePath('10_kg_facts.json')], store)
    const messages = await (await store.getSession(report.sessions[0].session_id))!.getMessages()
    expect(messages[0].metadata.kg_fact).toEqual({
      role: 'system',
      subject: 'system_configuration',
      predicate: 'has_initial_description',
      object: 'Facts about European capitals',
      split: 'exact',
    })
    expect(messages[1].content).toBe('Fact (user): Paris is the capital of France.')
    expect(messages[1].metadata.kg_fact).toEqual({
      role: 'user',
      subject: 'Paris',
      predicate: 'is',
      object: 'the capital of France',
      split: 'guessed',
    })
  })

  it('keeps a fact confidence and any unknown key, and gives them back in the MARSYS file', async () => {
    const file = join(await fx.dir(), 'facts.json')
    const text =
      '{\n  "memory_type": "kg",\n  "messages": [\n    {\n      "role": "user",\n      "content": "Fact (user): Oslo capital_of Norway.",\n      "confidence": 0.75\n    }\n  ],\n  "timestamp": 1767225600.5\n}'
    await writeFile(file, text)
    const store = await fx.store()
    const report = await migrate([file], store)
    const [message] = await (await store.getSession(report.sessions[0].session_id))!.getMessages()
    expect(message.metadata.kg_fact).toEqual({
      role: 'user',
      subject: 'Oslo',
      predicate: 'capital_of',
      object: 'Norway',
      split: 'exact',
      confidence: 0.75,
    })
    const { exportSession } = await import('./exports')
    const { storeSession } = await import('./exportSource')
    expect(exportSession((await storeSession(store, report.sessions[0].session_id))!, 'marsys').text).toBe(
      text,
    )
  })

  it('adds nothing when run twice, or when the same file is given twice', async () => {
    const dir = await marsysFolder()
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [{ id: 'x1', messages: 4 }])
    const store = await fx.store()
    const first = await migrate([dir, db, join(dir, 'a.json')], store)
    expect(first.sessions_migrated).toBe(4)
    expect(first.sessions.at(-1)).toMatchObject({ outcome: 'already_present' })
    const before = (await store.listSessionsPage({ limit: 100 })).sessions.map((m) => m.toDict())
    const second = await migrate([dir, db], store)
    expect(second).toMatchObject({ sessions_migrated: 0, messages_migrated: 0, skipped: 4 })
    expect(second.sessions.every((s) => s.outcome === 'already_present')).toBe(true)
    expect((await store.listSessionsPage({ limit: 100 })).sessions.map((m) => m.toDict())).toEqual(before)
  })

  it('dry run reports what would happen and writes nothing', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [
      { id: 'x1', messages: 4 },
      { id: 'x2', messages: 2 },
    ])
    const store = await fx.store()
    await store.createSession(new SessionMetadata({ session_id: 'x2' }))
    const report = await new MemoryMigrator().validate([db], store)
    expect(report).toMatchObject({
      dry_run: true,
      sessions_migrated: 1,
      messages_migrated: 4,
      skipped: 1,
      valid: false,
    })
    expect(report.conflicts).toEqual(['x2'])
    expect(report.sessions.map((s) => s.outcome)).toEqual(['would_migrate', 'conflict'])
    expect((await store.listSessionsPage()).total).toBe(1)
  })

  it('gives a conflicting session a new id when asked', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [{ id: 'x1', messages: 2 }])
    const store = await fx.store()
    await store.createSession(new SessionMetadata({ session_id: 'x1' }))
    const report = await migrate([db], store, { onConflict: 'rename' })
    expect(report.sessions[0]).toMatchObject({
      session_id: 'x1-2',
      source_session_id: 'x1',
      outcome: 'migrated',
    })
    expect(await store.getMessageCount('x1-2')).toBe(2)
    expect((await migrate([db], store, { onConflict: 'rename' })).skipped).toBe(1)
  })

  it('after a failure half-way the store is valid, the report says what was and was not done, and a rerun finishes', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [
      { id: 's-001', messages: 2 },
      { id: 's-002', messages: 2 },
      { id: 's-003', messages: 2 },
    ])
    const storePath = join(await fx.dir(), 'session-store')
    let store = await fx.store(storePath)
    // A real obstacle: the file the second session would be written to is a folder.
    const obstacle = join(storePath, 'sessions', 's-002.json')
    await mkdir(join(obstacle, 'occupied'), { recursive: true })
    const report = await migrate([db], store)
    expect(report.sessions.map((s) => [s.session_id, s.outcome])).toEqual([
      ['s-001', 'migrated'],
      ['s-002', 'failed'],
      ['s-003', 'migrated'],
    ])
    expect(report.errors).toEqual([expect.objectContaining({ session_id: 's-002', location: `${db}#s-002` })])
    expect(report.sessions_migrated).toBe(2)
    expect(report.success).toBe(false)
    await store.disconnect()
    await rm(obstacle, { recursive: true })

    store = await fx.store(storePath)
    expect((await store.listSessionsPage()).sessions.map((m) => m.session_id).sort()).toEqual([
      's-001',
      's-003',
    ])
    const rerun = await migrate([db], store)
    expect(rerun.sessions.map((s) => s.outcome)).toEqual(['already_present', 'migrated', 'already_present'])
    expect(await store.getMessageCount('s-002')).toBe(2)
  })

  it('redoes a session a crashed run left marked incomplete', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [{ id: 'x1', messages: 4 }])
    const store = await fx.store()
    const marker = {
      source_key: 'langswarm_v2_sqlite:x1',
      source_kind: 'langswarm_v2_sqlite',
      source_path: `${db}#x1`,
      migrated_at: '2026-01-01T00:00:00+00:00',
      complete: false,
    }
    await store.createSession(
      new SessionMetadata({ session_id: 'x1', properties: { migrated_from: marker } }),
    )
    const report = await migrate([db], store)
    expect(report.sessions[0]).toMatchObject({ session_id: 'x1', outcome: 'migrated' })
    expect(await store.getMessageCount('x1')).toBe(4)
    const recorded = (await store.getSessionMetadata('x1'))!.properties.migrated_from
    expect(recorded).toMatchObject({
      source_key: expect.stringMatching(/^langswarm_v2_sqlite:x1:[0-9a-f]{16}$/),
    })
    expect(recorded).not.toHaveProperty('complete')
  })

  it('fills a backend that only offers the seed interface, and says its summaries cannot be imported', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [
      { id: 'g1', messages: 4, withSummary: true },
    ])
    const inner = await fx.store()
    // Any IMemoryBackend: this one forwards to a real store but is not one of the inspector's own classes.
    const backend: IMemoryBackend = {
      get backendType() {
        return inner.backendType
      },
      get isConnected() {
        return inner.isConnected
      },
      connect: () => inner.connect(),
      disconnect: () => inner.disconnect(),
      createSession: (metadata) => inner.createSession(metadata),
      getSession: (id) => inner.getSession(id),
      listSessions: (...args) => inner.listSessions(...args),
      listSessionsPage: (query) => inner.listSessionsPage(query),
      getSessionMetadata: (id) => inner.getSessionMetadata(id),
      getMessageCount: (id) => inner.getMessageCount(id),
      deleteSession: (id) => inner.deleteSession(id),
      cleanupExpiredSessions: () => inner.cleanupExpiredSessions(),
      getUsageStats: () => inner.getUsageStats(),
      healthCheck: () => inner.healthCheck(),
    }
    const report = await migrate([db], backend)
    expect(report.sessions_migrated).toBe(1)
    expect(report.losses).toEqual([
      {
        session_id: 'g1',
        field: 'summaries',
        count: 1,
        reason: 'this target backend cannot import summaries',
      },
    ])
    const messages = await (await inner.getSession('g1'))!.getMessages()
    expect(messages.map((m) => m.message_id)).toEqual(['g1-m0', 'g1-m1', 'g1-m2', 'g1-m3'])
    const recorded = (await inner.getSessionMetadata('g1'))!.properties.migrated_from
    expect(recorded).toMatchObject({
      source_key: expect.stringMatching(/^langswarm_v2_sqlite:g1:[0-9a-f]{16}$/),
    })
    expect(recorded).not.toHaveProperty('complete')
    expect((await migrate([db], backend)).skipped).toBe(1)
  })

  it('stops between sessions when cancelled and says which sources were not finished', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [
      { id: 'c1', messages: 3 },
      { id: 'c2', messages: 3 },
    ])
    const store = await fx.store()
    const controller = new AbortController()
    const progress: [number, number][] = []
    const report = await migrate([db, fixturePath('01_plain_conversation.json')], store, {
      signal: controller.signal,
      onProgress: (current, total) => {
        progress.push([current, total])
        if (current > 0) controller.abort()
      },
    })
    expect(report.cancelled).toBe(true)
    expect(report.sessions_migrated).toBe(1)
    expect(report.sources.map((s) => s.finished)).toEqual([false, false])
    expect(progress[0]).toEqual([0, expect.any(Number)])
    expect(progress[1][0]).toBe(3)
    expect((await store.listSessionsPage()).total).toBe(1)
  })

  it('gives a clear error per bad source and still migrates the good ones', async () => {
    const dir = await fx.dir()
    const notSqlite = join(dir, 'random.db')
    await writeFile(notSqlite, Buffer.from([0, 1, 2, 3, 250, 251, 252]))
    const unknown = join(dir, 'other.sqlite')
    const other = await newDatabase('CREATE TABLE things (a, b)')
    insert(other, 'things', { a: 1, b: 2 })
    await saveDatabase(other, unknown)
    const locked = await buildV2Database(join(dir, 'locked.db'), [{ id: 'l1', messages: 1 }])
    await writeFile(`${locked}-wal`, Buffer.alloc(4096, 1))
    const corrupt = await buildV2Database(join(dir, 'corrupt.db'), [{ id: 'k1', messages: 400 }])
    const bytes = await readFile(corrupt)
    bytes.fill(0x55, 4096 + 16, 4096 * 3)
    await writeFile(corrupt, bytes)
    const truncated = fixturePath('invalid/truncated_by_failed_save.json')
    const good = await buildV2Database(join(dir, 'good.db'), [{ id: 'g1', messages: 2 }])

    const store = await fx.store()
    const report = await migrate(
      [notSqlite, unknown, locked, corrupt, truncated, join(dir, 'missing.db'), good],
      store,
    )
    expect(report.sessions_migrated).toBe(1)
    const byPath = new Map(report.errors.map((e) => [e.source, e.error]))
    expect(byPath.get(notSqlite)).toBe(
      'not a SQLite database, a MARSYS memory file or a backup (unrecognised content)',
    )
    expect(byPath.get(unknown)).toMatch(/^unknown SQLite schema \(tables: things\)/)
    expect(byPath.get(locked)).toMatch(
      /in use or was not closed cleanly: .*locked\.db-wal holds a write-ahead log/,
    )
    expect(byPath.get(corrupt)).toMatch(/damaged|malformed|not a database/)
    expect(byPath.get(truncated)).toMatch(/not valid JSON: .*line \d+, column \d+/)
    expect(byPath.get(join(dir, 'missing.db'))).toBe('no such file or folder')
  })

  it('refuses a MARSYS file MARSYS would refuse, naming the place', async () => {
    const store = await fx.store()
    const report = await migrate([fixturePath('load_inputs_handmade/bad_tool_call.json')], store)
    expect(report.sessions_migrated).toBe(0)
    expect(report.errors[0].error).toMatch(
      /^Failed to load memory from .*bad_tool_call\.json at \$\.messages\[\d+\]\.tool_calls\[0\]/,
    )
  })

  it('works through the seed interface with a source_config, on an in-memory backend', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [
      { id: 'i1', messages: 3, withSummary: true },
    ])
    const { InMemoryBackend } = await import('../langswarm')
    const backend = new InMemoryBackend()
    const calls: string[] = []
    const result = await new MemoryMigrator().migrateFromV1(
      { type: 'langswarm_v2_sqlite', db_path: db },
      backend,
      (c, t, s) => calls.push(`${c}/${t} ${s}`),
    )
    expect(result).toMatchObject({ sessions_migrated: 1, messages_migrated: 3, success: true })
    expect(calls.at(-1)).toBe(`3/3 ${db}: i1`)
    expect(await backend.getMessageCount('i1')).toBe(3)
    expect((await backend.getSessionMetadata('i1'))?.properties.migrated_from).toMatchObject({
      source_key: expect.stringMatching(/^langswarm_v2_sqlite:i1:[0-9a-f]{16}$/),
    })
    expect(await (await backend.getSession('i1'))!.getSummary()).not.toBeNull()

    const wrongKind = await new MemoryMigrator().migrateFromV1(
      { type: 'v1_session_sqlite', path: db },
      backend,
    )
    expect(wrongKind).toMatchObject({ sessions_migrated: 0, success: false })
    expect(JSON.stringify(wrongKind.errors)).toContain(
      'expected a v1_session_sqlite source, found langswarm_v2_sqlite',
    )
  })
})
