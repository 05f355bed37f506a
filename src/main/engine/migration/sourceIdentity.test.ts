import { copyFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Message, MessageRole, SessionMetadata } from '../../../shared/model/langswarm'
import { migrate } from './migrate'
import {
  buildV2Database,
  insert,
  newDatabase,
  saveDatabase,
  V1_ADAPTER_DDL,
  V1_SESSION_DDL,
} from './testing/specDatabases'
import { migrationFixtures } from './testing/stores'

const fx = migrationFixtures()
afterEach(() => fx.cleanup())

const outcomes = (report: Awaited<ReturnType<typeof migrate>>): string[][] =>
  report.sessions.map((s) => [s.session_id, s.outcome])

async function v1SessionDatabase(path: string, createdAt: string | null, text: string): Promise<string> {
  const db = await newDatabase(V1_SESSION_DDL)
  insert(db, 'sessions', {
    session_id: 's1',
    user_id: 'u1',
    created_at: createdAt,
    metadata: '{}',
    history: JSON.stringify({
      messages: [{ id: `m-${text}`, role: 'user', content: text, timestamp: '2025-02-03T10:01:00' }],
    }),
  })
  return saveDatabase(db, path)
}

async function adapterDatabase(path: string, documents: [string, string, string | null][]): Promise<string> {
  const db = await newDatabase(V1_ADAPTER_DDL)
  for (const [key, value, session] of documents)
    insert(db, 'memory', {
      key,
      value,
      metadata: session === null ? "{'timestamp': '2025-01-02T09:00:00'}" : `{'session_id': '${session}'}`,
    })
  return saveDatabase(db, path)
}

/** Two V2 databases, each with a different session `s1` (2 and 3 messages, created at different times). */
async function twoDatabasesWithS1(): Promise<{ one: string; two: string }> {
  const dir = await fx.dir()
  const one = await buildV2Database(join(dir, 'one.db'), [{ id: 's1', messages: 2 }])
  const two = await buildV2Database(join(dir, 'two.db'), [
    { id: 's1', messages: 3, start: Date.UTC(2026, 2, 1) },
  ])
  return { one, two }
}

describe('source identity of database sessions', () => {
  it('V2: a different database with the same session id is a conflict, the same database adds nothing', async () => {
    const { one, two } = await twoDatabasesWithS1()
    const store = await fx.store()
    expect(outcomes(await migrate([one], store))).toEqual([['s1', 'migrated']])
    expect(outcomes(await migrate([one], store))).toEqual([['s1', 'already_present']])
    expect(outcomes(await migrate([two], store))).toEqual([['s1', 'conflict']])
    const renamed = await migrate([two], store, { onConflict: 'rename' })
    expect(outcomes(renamed)).toEqual([['s1-2', 'migrated']])
    expect(await store.getMessageCount('s1-2')).toBe(3)
    expect(outcomes(await migrate([one, two], store, { onConflict: 'rename' }))).toEqual([
      ['s1', 'already_present'],
      ['s1-2', 'already_present'],
    ])
  })

  it('V2: both databases in one run, renaming the second', async () => {
    const { one, two } = await twoDatabasesWithS1()
    const store = await fx.store()
    const report = await migrate([one, two, one], store, { onConflict: 'rename' })
    expect(outcomes(report)).toEqual([
      ['s1', 'migrated'],
      ['s1-2', 'migrated'],
      ['s1', 'already_present'],
    ])
  })

  it('V2: a session recorded by an earlier version (key without fingerprint) counts for the same content only', async () => {
    const dir = await fx.dir()
    const one = await buildV2Database(join(dir, 'one.db'), [
      { id: 's1', messages: 2 },
      { id: 's2', messages: 2 },
    ])
    const two = await buildV2Database(join(dir, 'two.db'), [
      { id: 's1', messages: 3, start: Date.UTC(2026, 2, 1) },
    ])
    const store = await fx.store()
    const earlier = (id: string, createdAt: string) =>
      new SessionMetadata({
        session_id: id,
        created_at: createdAt,
        properties: {
          migrated_from: {
            source_key: `langswarm_v2_sqlite:${id}`,
            source_kind: 'langswarm_v2_sqlite',
            source_path: `${one}#${id}`,
            migrated_at: '2026-02-01T00:00:00+00:00',
          },
        },
      })
    // s1 as the earlier version wrote it: same creation time.
    await store.createSession(earlier('s1', '2026-01-05T09:30:00.000123+00:00'))
    // s2 with its time changed since, but the same first message.
    const s2 = await store.createSession(earlier('s2', '2026-01-09T00:00:00+00:00'))
    await s2.addMessage(
      new Message({
        role: MessageRole.USER,
        content: 'Question 0: what happened next?',
        message_id: 's2-m0',
      }),
    )

    expect(outcomes(await migrate([one], store))).toEqual([
      ['s1', 'already_present'],
      ['s2', 'already_present'],
    ])
    expect(outcomes(await migrate([two], store))).toEqual([['s1', 'conflict']])
  })

  it('V1 sessions: keyed by creation time, else by the first message', async () => {
    const dir = await fx.dir()
    const one = await v1SessionDatabase(join(dir, 'one.db'), '2025-02-03T10:00:00', 'hello')
    const two = await v1SessionDatabase(join(dir, 'two.db'), '2025-03-03T10:00:00', 'hello')
    const three = await v1SessionDatabase(join(dir, 'three.db'), null, 'first')
    const four = await v1SessionDatabase(join(dir, 'four.db'), null, 'other')
    const store = await fx.store()
    const first = await migrate([one, two, three, four], store, { onConflict: 'rename' })
    expect(outcomes(first)).toEqual([
      ['s1', 'migrated'],
      ['s1-2', 'migrated'],
      ['s1-3', 'migrated'],
      ['s1-4', 'migrated'],
    ])
    const again = await migrate([four, three, two, one], store, { onConflict: 'rename' })
    expect(outcomes(again)).toEqual([
      ['s1-4', 'already_present'],
      ['s1-3', 'already_present'],
      ['s1-2', 'already_present'],
      ['s1', 'already_present'],
    ])
  })

  it('V1 adapter: sessions keyed by their first document; the file session by content, not path', async () => {
    const dir = await fx.dir()
    const path = join(dir, 'memory.db')
    await adapterDatabase(path, [
      ['k1', 'first of one', 's1'],
      ['d1', 'a loose document', null],
    ])
    const store = await fx.store()
    const first = await migrate([path], store)
    const fileSession = first.sessions[1].session_id
    expect(outcomes(first)).toEqual([
      ['s1', 'migrated'],
      [expect.stringMatching(/^v1-memory-memory-[0-9a-f]{8}$/), 'migrated'],
    ])

    // The same database moved elsewhere is the same source.
    const moved = join(dir, 'moved.db')
    await copyFile(path, moved)
    expect(outcomes(await migrate([moved], store)).map(([, outcome]) => outcome)).toEqual([
      'already_present',
      'already_present',
    ])

    // Another database at the same path is not.
    await rm(path)
    await adapterDatabase(path, [
      ['k9', 'first of another', 's1'],
      ['d9', 'another loose document', null],
    ])
    const other = await migrate([path], store, { onConflict: 'rename' })
    expect(outcomes(other)).toEqual([
      ['s1-2', 'migrated'],
      [expect.not.stringMatching(new RegExp(`^${fileSession}$`)), 'migrated'],
    ])
  })
})
