import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Message } from '../../shared/model/langswarm/message'
import { SessionWorkspace } from '../engine/sessions/sessionWorkspace'
import { dispatch } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import type { Services } from './services'
import { createTestServices } from './testing/testServices'

const opened: Services[] = []
function setup(bus = new EventBus()) {
  const services = createTestServices({}, bus)
  opened.push(services)
  const handlers = createHandlers(services)
  const call = (channel: string, input: unknown) => dispatch(handlers, channel, input)
  return { services, call }
}

afterEach(async () => {
  for (const services of opened.splice(0)) await services.sessions.close()
})

describe('session channels', () => {
  it('create, get, list newest first, update metadata, delete', async () => {
    const bus = new EventBus()
    const changed: string[] = []
    bus.subscribe(
      (event, payload) => event === 'session.changed' && changed.push((payload as { id: string }).id),
    )
    const { call } = setup(bus)
    const first = await call('session.create', { session_id: 's-1', user_id: 'ada', tags: ['triage'] })
    expect(first).toMatchObject({
      ok: true,
      data: { metadata: { session_id: 's-1', user_id: 'ada', status: 'active' }, messageCount: 0 },
    })
    await call('session.create', { session_id: 's-2', user_id: 'ada' })
    const list = await call('session.list', { userId: 'ada', limit: 10, offset: 0 })
    expect(list).toMatchObject({ ok: true, data: { total: 2 } })
    expect(
      (list as { data: { sessions: { metadata: { session_id: string } }[] } }).data.sessions.map(
        (s) => s.metadata.session_id,
      ),
    ).toEqual(['s-2', 's-1'])
    expect(await call('session.delete', { id: 's-2' })).toEqual({ ok: true, data: { deleted: true } })
    expect(await call('session.get', { id: 's-2' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(changed).toEqual(['s-1', 's-2', 's-2'])
  })

  it('opens a session as a document, pages its rows and makes a summary', async () => {
    const { services, call } = setup()
    await call('session.create', { session_id: 'long', summary_threshold: 1000, max_messages: 1000 })
    const session = (await (await services.sessions.get()).getSession('long'))!
    for (let i = 0; i < 25; i++)
      await session.addMessage(new Message({ role: i % 2 ? 'assistant' : 'user', content: `message ${i}` }))
    const opened = (await call('session.open', { id: 'long' })) as { data: { id: string } }
    expect(opened).toMatchObject({
      ok: true,
      data: { source: 'session', sessionId: 'long', name: 'long', messageCount: 25, dirty: false },
    })
    expect(await call('session.open', { id: 'long' })).toEqual(opened)
    const page = await call('document.rows', { id: opened.data.id, offset: 20, limit: 10 })
    expect(page).toMatchObject({ ok: true, data: { total: 25, offset: 20 } })
    expect((page as { data: { rows: { preview: string }[] } }).data.rows.map((row) => row.preview)).toEqual([
      'message 20',
      'message 21',
      'message 22',
      'message 23',
      'message 24',
    ])
    const summary = await call('session.summarize', { id: 'long', force: true })
    expect(summary).toMatchObject({
      ok: true,
      data: { message_count: 25, summary: expect.stringContaining('13 user messages') },
    })
    expect(await call('session.summary', { id: 'long' })).toEqual(summary)
    const stats = await call('session.stats', {})
    expect(stats).toMatchObject({
      ok: true,
      data: {
        usage: { session_count: 1, message_count: 25, storage_size_bytes: expect.any(Number) },
        health: { status: 'healthy' },
      },
    })
  })

  it('validates inputs at the edge', async () => {
    const { call } = setup()
    expect(await call('session.list', { limit: 0, offset: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await call('session.create', { session_id: 'x', status: 'bogus' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      await call('document.edit', {
        id: 'x',
        revision: 0,
        commands: [{ op: 'setSessionMetadata', patch: { session_id: 'y' } }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('reports a store held by another process as LOCKED, naming the pid', async () => {
    const { services, call } = setup()
    await call('session.list', { limit: 1, offset: 0 })
    const other = new SessionWorkspace(services.context.dataDir)
    // A second workspace on the same folder stands for a second process: the lock file names our pid.
    await expect(other.get()).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringContaining(String(process.pid)),
    })
  })
})

describe('a session as a document', () => {
  type Call = (channel: string, input: unknown) => Promise<unknown>
  const openSession = async (call: Call, sessionId: string): Promise<string> =>
    ((await call('session.open', { id: sessionId })) as { data: { id: string } }).data.id
  const stored = async (services: Services, sessionId: string) =>
    (await (await (await services.sessions.get()).getSession(sessionId))!.getMessages()).map((m) =>
      m.toDict(),
    )
  const revisionOf = async (call: Call, id: string) =>
    ((await call('document.state', { id })) as { data: { revision: number } }).data.revision

  it('edits messages, tool calls and metadata through the document channels, each change saved to the store', async () => {
    const bus = new EventBus()
    const changed: string[] = []
    bus.subscribe(
      (event, payload) => event === 'session.changed' && changed.push((payload as { id: string }).id),
    )
    const { services, call } = setup(bus)
    await call('session.create', { session_id: 's', user_id: 'ada' })
    changed.length = 0
    const id = await openSession(call, 's')
    const edited = await call('document.edit', {
      id,
      revision: 0,
      commands: [
        { op: 'insert', index: 0, role: 'user', text: 'Weather in Berlin?' },
        {
          op: 'insert',
          index: 1,
          json: JSON.stringify({ role: 'assistant', content: '' }),
        },
        { op: 'addToolCall', index: 1, id: 'call_1', name: 'get_weather', arguments: '{"city":"Berlin"}' },
        { op: 'setSessionMetadata', patch: { status: 'paused' } },
      ],
    })
    expect(edited).toMatchObject({
      ok: true,
      data: { revision: 1, dirty: false, canUndo: true, undoLabel: 'Insert message at #0 and 3 more' },
    })
    const messages = await stored(services, 's')
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Weather in Berlin?'],
      ['assistant', ''],
    ])
    expect(messages[1].tool_calls).toEqual([
      { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Berlin"}' } },
    ])
    expect(await call('session.get', { id: 's' })).toMatchObject({ data: { metadata: { status: 'paused' } } })

    // A tool result with its call id and name: kept in the store's metadata, paired in the document.
    await call('document.edit', {
      id,
      revision: 1,
      commands: [
        {
          op: 'insert',
          index: 2,
          json: JSON.stringify({
            role: 'tool',
            content: '12°C',
            tool_call_id: 'call_1',
            name: 'get_weather',
          }),
        },
      ],
    })
    expect((await stored(services, 's'))[2].metadata).toEqual({ tool_call_id: 'call_1', name: 'get_weather' })
    const detail = (await call('document.message', { id, index: 1 })) as {
      data: { toolCalls: { resultIndex: number | null }[] }
    }
    expect(detail.data.toolCalls[0].resultIndex).toBe(2)
    const search = await call('document.search', { documentIds: [id], text: 'get_weather', fields: ['tool'] })
    expect(search).toMatchObject({ ok: true, data: { total: 2 } })

    expect(await call('document.undo', { id })).toMatchObject({
      ok: true,
      data: { revision: 3, canRedo: true },
    })
    expect((await stored(services, 's')).map((m) => m.role)).toEqual(['user', 'assistant'])
    await call('document.undo', { id })
    expect(await stored(services, 's')).toEqual([])
    expect(await call('session.get', { id: 's' })).toMatchObject({ data: { metadata: { status: 'active' } } })
    await call('document.redo', { id })
    expect((await stored(services, 's')).map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(changed).toEqual(['s', 's', 's', 's', 's'])
  })

  it('keeps the message ids of the document across inserts, deletes and moves', async () => {
    const { call } = setup()
    await call('session.create', { session_id: 's' })
    const id = await openSession(call, 's')
    const ids = async () =>
      (
        (await call('document.rows', { id, offset: 0, limit: 10 })) as {
          data: { rows: { id: number; preview: string }[] }
        }
      ).data.rows.map((row) => `${row.id}:${row.preview}`)
    await call('document.edit', {
      id,
      revision: 0,
      commands: [
        { op: 'insert', index: 0, role: 'user', text: 'a' },
        { op: 'insert', index: 1, role: 'assistant', text: 'b' },
      ],
    })
    const before = await ids()
    await call('document.edit', {
      id,
      revision: 1,
      commands: [{ op: 'insert', index: 1, role: 'user', text: 'new' }],
    })
    const after = await ids()
    expect([after[0], after[2]]).toEqual(before)
    expect(after[1]).toMatch(/:new$/)
    expect(before).not.toContain(after[1])
    await call('document.edit', {
      id,
      revision: 2,
      commands: [{ op: 'move', indices: [2], direction: 'up' }],
    })
    expect(await ids()).toEqual([after[0], after[2], after[1]])
  })

  it('refuses what the store cannot hold and leaves the session as it was', async () => {
    const { services, call } = setup()
    await call('session.create', { session_id: 's' })
    const id = await openSession(call, 's')
    await call('document.edit', {
      id,
      revision: 0,
      commands: [{ op: 'insert', index: 0, role: 'user', text: 'one' }],
    })
    expect(
      await call('document.edit', {
        id,
        revision: 1,
        commands: [{ op: 'setContentJson', index: 0, json: '[{"type":"text","text":"x"}]' }],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('content') },
    })
    expect(
      await call('document.edit', {
        id,
        revision: 1,
        commands: [{ op: 'setField', index: 0, field: 'role', value: 'narrator' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(
      await call('document.edit', { id, revision: 0, commands: [{ op: 'delete', indices: [0] }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect((await stored(services, 's')).map((m) => m.content)).toEqual(['one'])
    expect(await revisionOf(call, id)).toBe(1)
    expect(await call('document.state', { id })).toMatchObject({ data: { canUndo: true, canRedo: false } })
  })

  it('never overwrites a change made to the session elsewhere', async () => {
    const { services, call } = setup()
    await call('session.create', { session_id: 's' })
    const id = await openSession(call, 's')
    const session = (await (await services.sessions.get()).getSession('s'))!
    await session.addMessage(new Message({ role: 'user', content: 'from elsewhere' }))
    expect(
      await call('document.edit', {
        id,
        revision: 0,
        commands: [{ op: 'insert', index: 0, role: 'user', text: 'mine' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'changed-in-store' } } })
    expect((await stored(services, 's')).map((m) => m.content)).toEqual(['from elsewhere'])
    await call('document.revert', { id })
    expect(await call('document.summary', { id })).toMatchObject({ data: { messageCount: 1 } })
  })

  it('closes the document when its session is deleted', async () => {
    const { call } = setup()
    await call('session.create', { session_id: 's' })
    const id = await openSession(call, 's')
    await call('session.delete', { id: 's' })
    expect(await call('document.summary', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('a damaged store', () => {
  it('reports the damage in the stats, checks and repairs it through store.repair, never deleting data', async () => {
    const { services, call } = setup()
    await call('session.create', { session_id: 'kept' })
    await call('session.create', { session_id: 'gone' })
    const id = ((await call('session.open', { id: 'kept' })) as { data: { id: string } }).data.id
    rmSync(join(services.sessions.path, 'sessions', 'gone.json'))
    const stats = (await call('session.stats', {})) as { data: { health: { damage?: { kind: string }[] } } }
    expect(stats.data.health.damage?.map((d) => d.kind)).toEqual(['missing_session_file'])

    const check = (await call('store.repair', { dryRun: true })) as {
      data: { dry_run: boolean; actions: unknown[] }
    }
    expect(check.data.dry_run).toBe(true)
    expect(check.data.actions).toContainEqual(
      expect.objectContaining({ action: 'recreated_session_file', session_id: 'gone' }),
    )
    expect(existsSync(join(services.sessions.path, 'sessions', 'gone.json'))).toBe(false)

    const repaired = (await call('store.repair', {})) as { ok: boolean; data: { dry_run: boolean } }
    expect(repaired).toMatchObject({ ok: true, data: { dry_run: false } })
    const after = (await call('session.stats', {})) as {
      data: { health: { status: string; damage?: unknown[] } }
    }
    expect(after.data.health.status).toBe('healthy')
    // The open session was read again from the repaired store and still answers.
    expect(await call('document.summary', { id })).toMatchObject({ ok: true, data: { sessionId: 'kept' } })
  })
})
