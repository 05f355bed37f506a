import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionStatus, UtcDateTime } from '../../../shared/model/langswarm'
import { migrate } from './migrate'
import {
  buildV2Database,
  insert,
  newDatabase,
  saveDatabase,
  V1_ADAPTER_DDL,
  V1_SESSION_DDL,
  V2_DDL,
} from './testing/specDatabases'
import { migrationFixtures } from './testing/stores'

const fx = migrationFixtures()
afterEach(() => fx.cleanup())

describe('langswarm V2 SQLite', () => {
  it('keeps ids, metadata, Python isoformat times, messages in order and summaries', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'langswarm_memory.db'), [
      { id: 'a1', messages: 6, withSummary: true },
      { id: 'b2', messages: 3, userId: 'bob' },
    ])
    const store = await fx.store()
    const report = await migrate([db], store)
    expect(report.errors).toEqual([])
    expect(report.sources).toEqual([
      { path: db, kind: 'langswarm_v2_sqlite', sessions: 2, messages: 9, finished: true },
    ])
    expect(report).toMatchObject({
      sessions_migrated: 2,
      messages_migrated: 9,
      skipped: 0,
      losses: [],
      notes: [],
    })

    const meta = (await store.getSessionMetadata('a1'))!.toDict()
    expect(meta).toMatchObject({
      user_id: 'alice',
      agent_id: 'agent-7',
      status: 'active',
      tags: ['support'],
      created_at: '2026-01-05T09:30:00.000123+00:00',
      updated_at: '2026-01-05T09:30:06.000456+00:00',
    })
    expect(meta.properties).toMatchObject({
      channel: 'web',
      migrated_from: {
        source_key: expect.stringMatching(/^langswarm_v2_sqlite:a1:[0-9a-f]{16}$/),
        source_kind: 'langswarm_v2_sqlite',
      },
    })
    const session = (await store.getSession('a1'))!
    const messages = await session.getMessages()
    expect(messages.map((m) => m.message_id)).toEqual(['a1-m0', 'a1-m1', 'a1-m2', 'a1-m3', 'a1-m4', 'a1-m5'])
    expect(messages[1].toDict()).toEqual({
      role: 'assistant',
      content: 'Answer number 1 with some words in it.',
      timestamp: '2026-01-05T09:30:01.000001+00:00',
      message_id: 'a1-m1',
    })
    expect(messages[0].toDict()).toMatchObject({ token_count: 9, metadata: { source: 'web', n: 0 } })
    expect((await session.getSummary())?.summary_id).toBe('a1-s1')
    expect((await store.getSessionMetadata('b2'))?.user_id).toBe('bob')
  })

  it('reports bad rows and orphan messages, and migrates the rest', async () => {
    const path = await buildV2Database(join(await fx.dir(), 'v2.db'), [{ id: 'ok', messages: 2 }])
    const db = await newDatabase(V2_DDL)
    insert(db, 'sessions', {
      session_id: 's1',
      status: 'active',
      created_at: '2026-01-01T00:00:00+00:00',
      updated_at: '2026-01-01T00:00:00+00:00',
      tags: '[]',
      properties: '{}',
    })
    insert(db, 'sessions', {
      session_id: 's2',
      status: 'sleeping',
      created_at: '2026-01-01T00:00:00+00:00',
      updated_at: '2026-01-01T00:00:00+00:00',
    })
    insert(db, 'messages', {
      message_id: 'm1',
      session_id: 's1',
      role: 'user',
      content: 'hi',
      timestamp: '2026-01-01T00:00:01+00:00',
    })
    insert(db, 'messages', {
      message_id: 'm2',
      session_id: 's1',
      role: 'wizard',
      content: 'x',
      timestamp: '2026-01-01T00:00:02+00:00',
    })
    insert(db, 'messages', {
      message_id: 'm3',
      session_id: 's1',
      role: 'user',
      content: 'y',
      timestamp: '2026-01-01T00:00:03+00:00',
      metadata: '{not json',
    })
    insert(db, 'messages', {
      message_id: 'm4',
      session_id: 's1',
      role: 'user',
      content: 'z',
      timestamp: 'yesterday',
    })
    insert(db, 'messages', {
      message_id: 'm5',
      session_id: 'ghost',
      role: 'user',
      content: 'lost',
      timestamp: '2026-01-01T00:00:05+00:00',
    })
    const bad = await saveDatabase(db, join(await fx.dir(), 'bad.db'))

    const store = await fx.store()
    const report = await migrate([path, bad], store)
    expect(report.sessions_migrated).toBe(2)
    expect(report.messages_migrated).toBe(3)
    const errors = report.errors.map((e) => `${e.location}: ${e.error}`)
    expect(errors).toEqual([
      expect.stringMatching(/^messages row 2: role must be one of .* got "wizard"$/),
      expect.stringMatching(/^messages row 3: metadata is not valid JSON/),
      'messages row 4: timestamp is not an ISO 8601 datetime: "yesterday"',
      'sessions row 2: status must be one of active, paused, completed, archived, expired; got "sleeping"',
      'messages of session "ghost": 1 message(s) belong to a session that has no row in sessions; not migrated',
    ])
    expect(report.errors.every((e) => e.source === bad)).toBe(true)
    expect(report.losses).toEqual([
      { session_id: 's1', field: 'messages', count: 3, reason: 'rows that could not be read (see errors)' },
      { session_id: 'ghost', field: 'messages', count: 1, reason: 'no sessions row for them' },
    ])
    expect(await store.getMessageCount('s1')).toBe(1)
    expect(report.success).toBe(false)
  })
})

describe('timestamps', () => {
  it('keeps the instant of a non-UTC offset in UTC, and notes it', async () => {
    const db = await newDatabase(V2_DDL)
    const t = '2026-01-01T00:00:00+00:00'
    insert(db, 'sessions', { session_id: 'tz', status: 'active', created_at: t, updated_at: t })
    insert(db, 'messages', {
      message_id: 'm1',
      session_id: 'tz',
      role: 'user',
      content: 'hi',
      timestamp: '2026-01-01T02:30:00.250000+02:00',
    })
    const path = await saveDatabase(db, join(await fx.dir(), 'tz.db'))
    const store = await fx.store()
    const report = await migrate([path], store)
    const [message] = await (await store.getSession('tz'))!.getMessages()
    expect(message.timestamp.toIsoString()).toBe('2026-01-01T00:30:00.250000+00:00')
    expect(report.notes).toEqual([
      {
        session_id: 'tz',
        field: 'timestamp',
        count: 1,
        reason: 'written with a non-UTC offset; the same instant is kept in UTC',
      },
    ])
  })
})

describe('V1 conversation-session SQLite', () => {
  async function v1Database(): Promise<string> {
    const db = await newDatabase(V1_SESSION_DDL)
    const metadata = {
      user_id: 'u1',
      session_id: 'session_0a1b2c3d',
      provider: 'openai',
      model: 'gpt-4',
      created_at: '2025-02-03T10:00:00.500000',
      updated_at: '2025-02-03T10:05:00',
      status: 'inactive',
      session_control: 'hybrid',
      provider_thread_id: 'thread_9',
      provider_agent_id: 'asst_1',
      context_limit: 8000,
      tags: ['billing'],
      custom_metadata: { plan: 'pro' },
    }
    const history = {
      session_id: 'session_0a1b2c3d',
      summary: 'User asked about an invoice.',
      total_tokens: 120,
      truncated_at: null,
      messages: [
        {
          id: 'msg_00000001',
          role: 'system',
          content: 'Be brief.',
          timestamp: '2025-02-03T10:00:00.500000',
          metadata: {},
          tool_calls: null,
          tool_call_id: null,
          provider_message_id: null,
        },
        {
          id: 'msg_00000002',
          role: 'user',
          content: 'Where is invoice 7?',
          timestamp: '2025-02-03T10:01:00',
          metadata: { lang: 'en' },
          tool_calls: null,
          tool_call_id: null,
          provider_message_id: 'pm_2',
        },
        {
          id: 'msg_00000003',
          role: 'assistant',
          content: '',
          timestamp: '2025-02-03T10:01:01',
          metadata: {},
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'find_invoice', arguments: '{"n": 7}' } },
          ],
          tool_call_id: null,
          provider_message_id: null,
        },
        {
          id: 'msg_00000004',
          role: 'tool',
          content: '{"status": "paid"}',
          timestamp: '2025-02-03T10:01:02',
          metadata: {},
          tool_calls: null,
          tool_call_id: 'call_1',
          provider_message_id: null,
        },
        { id: 'msg_00000005', role: 'narrator', content: 'bad role', timestamp: '2025-02-03T10:01:03' },
      ],
    }
    insert(db, 'sessions', {
      session_id: 'session_0a1b2c3d',
      user_id: 'u1',
      provider: 'openai',
      model: 'gpt-4',
      status: 'inactive',
      session_control: 'hybrid',
      created_at: metadata.created_at,
      updated_at: metadata.updated_at,
      last_activity: '2025-02-03T10:05:00',
      metadata: JSON.stringify(metadata),
      history: JSON.stringify(history),
    })
    insert(db, 'sessions', { session_id: 'session_broken', user_id: 'u2', metadata: '{}', history: '[oops' })
    return saveDatabase(db, join(await fx.dir(), 'langswarm_sessions.db'))
  }

  it('maps the session and keeps every V1 field, reporting what it interpreted', async () => {
    const path = await v1Database()
    const store = await fx.store()
    const report = await migrate([path], store)
    expect(report.sources[0].kind).toBe('v1_session_sqlite')
    expect(report.sessions_migrated).toBe(1)
    expect(report.errors.map((e) => `${e.location}: ${e.error}`)).toEqual([
      expect.stringMatching(/^session "session_0a1b2c3d" history\.messages\[4\]: role must be one of/),
      expect.stringMatching(/^sessions row 2: history is not valid JSON/),
    ])
    const meta = (await store.getSessionMetadata('session_0a1b2c3d'))!
    expect(meta.status).toBe(SessionStatus.PAUSED)
    expect(meta.user_id).toBe('u1')
    expect(meta.agent_id).toBe('asst_1')
    expect(meta.tags).toEqual(['billing'])
    expect(meta.created_at.toIsoString()).toBe('2025-02-03T10:00:00.500000+00:00')
    expect(meta.properties.v1).toMatchObject({
      columns: { provider: 'openai', model: 'gpt-4', status: 'inactive', session_control: 'hybrid' },
      metadata: { provider_thread_id: 'thread_9', context_limit: 8000, custom_metadata: { plan: 'pro' } },
      history: { summary: 'User asked about an invoice.', total_tokens: 120 },
    })
    const messages = await (await store.getSession('session_0a1b2c3d'))!.getMessages()
    expect(messages.map((m) => [m.message_id, m.role])).toEqual([
      ['msg_00000001', 'system'],
      ['msg_00000002', 'user'],
      ['msg_00000003', 'assistant'],
      ['msg_00000004', 'tool'],
    ])
    expect(messages[1].metadata).toEqual({ lang: 'en', provider_message_id: 'pm_2' })
    expect(messages[3].toolCallId).toBe('call_1')
    expect(messages[2].tool_calls?.[0]).toMatchObject({ id: 'call_1' })
    expect(report.notes).toEqual([
      {
        session_id: 'session_0a1b2c3d',
        field: 'created_at',
        count: 1,
        reason: 'written without an offset; taken as UTC',
      },
      {
        session_id: 'session_0a1b2c3d',
        field: 'timestamp',
        count: 4,
        reason: 'written without an offset; taken as UTC',
      },
      {
        session_id: 'session_0a1b2c3d',
        field: 'updated_at',
        count: 1,
        reason: 'written without an offset; taken as UTC',
      },
      {
        session_id: 'session_0a1b2c3d',
        field: 'status',
        count: 1,
        reason: 'V1 "inactive" has no V2 value: set to paused',
      },
    ])
    expect(report.losses).toEqual([
      {
        session_id: 'session_0a1b2c3d',
        field: 'messages',
        count: 1,
        reason: 'history entries that could not be read (see errors)',
      },
    ])
  })
})

describe('V1 SQLite memory adapter', () => {
  it('parses the repr metadata as a literal, groups by session, splits turns, and reports bad rows', async () => {
    const db = await newDatabase(V1_ADAPTER_DDL)
    const turn = (n: number) =>
      JSON.stringify({
        session_id: 'conv-1',
        timestamp: `2025-01-01T08:00:0${n}`,
        user_input: `question ${n}`,
        agent_response: `answer ${n}`,
        agent_name: 'helper',
      })
    insert(db, 'memory', {
      key: 'k1',
      value: turn(1),
      metadata: "{'session_id': 'conv-1', 'source': 'chat'}",
    })
    insert(db, 'memory', {
      key: 'k2',
      value: turn(2),
      metadata: "{'session_id': 'conv-1', 'ok': True, 'score': None}",
    })
    insert(db, 'memory', {
      key: 'doc-1',
      value: 'The office opens at 9.',
      metadata: "{'category': 'faq', 'timestamp': '2025-01-02T09:00:00'}",
    })
    insert(db, 'memory', {
      key: 'doc-2',
      value: 'Parking is free.',
      metadata: "{'when': datetime.datetime(2025, 1, 1)}",
    })
    insert(db, 'memory', { key: 'doc-3', value: 'No metadata at all.', metadata: null })
    const path = await saveDatabase(db, join(await fx.dir(), 'memory.db'))

    const store = await fx.store()
    const now = UtcDateTime.parse('2026-06-01T00:00:00+00:00')
    const report = await migrate([path], store, { now: () => now })
    expect(report.sources[0].kind).toBe('v1_adapter_sqlite')
    expect(report.errors).toEqual([
      {
        source: path,
        location: 'memory row 4 (key "doc-2")',
        error: 'metadata is not a Python literal: a call to datetime.datetime(...) is not a literal at 1:10',
      },
    ])
    const conv = await (await store.getSession('conv-1'))!.getMessages()
    expect(conv.map((m) => [m.role, m.content])).toEqual([
      ['user', 'question 1'],
      ['assistant', 'answer 1'],
      ['user', 'question 2'],
      ['assistant', 'answer 2'],
    ])
    expect(conv[0].metadata).toEqual({
      v1_key: 'k1',
      v1_metadata: { session_id: 'conv-1', source: 'chat' },
      agent_name: 'helper',
      v1_turn: 'user_input',
    })
    expect(conv[2].metadata.v1_metadata).toEqual({ session_id: 'conv-1', ok: true, score: null })
    expect(conv[0].timestamp.toIsoString()).toBe('2025-01-01T08:00:01+00:00')

    const fileSession = report.sessions.find((s) => s.session_id !== 'conv-1')!
    expect(fileSession.session_id).toMatch(/^v1-memory-memory-[0-9a-f]{8}$/)
    const docs = await (await store.getSession(fileSession.session_id))!.getMessages()
    expect(docs.map((m) => [m.role, m.content, m.timestamp.toIsoString()])).toEqual([
      ['user', 'The office opens at 9.', '2025-01-02T09:00:00+00:00'],
      ['user', 'No metadata at all.', '2026-06-01T00:00:00+00:00'],
    ])
    expect(report.losses).toEqual([
      {
        session_id: fileSession.session_id,
        field: 'messages',
        count: 1,
        reason: 'memory row 4 could not be read',
      },
    ])
    expect(report.notes).toContainEqual({
      session_id: fileSession.session_id,
      field: 'timestamp',
      count: 1,
      reason: 'the document has no time: set to the migration time',
    })
  })
})
