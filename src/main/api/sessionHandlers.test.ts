import { afterEach, describe, expect, it } from 'vitest'
import { Message } from '../../shared/model/langswarm/message'
import { SessionWorkspace } from '../engine/sessions/sessionWorkspace'
import { dispatch } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import type { Services } from './services'
import { createTestServices } from './testServices'

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
    const updated = await call('session.updateMetadata', {
      id: 's-1',
      patch: { status: 'paused', tags: ['triage', 'bug'] },
    })
    expect(updated).toMatchObject({
      ok: true,
      data: { metadata: { status: 'paused', tags: ['triage', 'bug'] } },
    })
    expect(await call('session.delete', { id: 's-2' })).toEqual({ ok: true, data: { deleted: true } })
    expect(await call('session.get', { id: 's-2' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(changed).toEqual(['s-1', 's-2', 's-1', 's-2'])
  })

  it('pages through a session’s messages and makes a summary', async () => {
    const { services, call } = setup()
    await call('session.create', { session_id: 'long', summary_threshold: 1000, max_messages: 1000 })
    const session = (await (await services.sessions.get()).getSession('long'))!
    for (let i = 0; i < 25; i++)
      await session.addMessage(new Message({ role: i % 2 ? 'assistant' : 'user', content: `message ${i}` }))
    const page = await call('session.messages', { id: 'long', offset: 20, limit: 10 })
    expect(page).toMatchObject({ ok: true, data: { total: 25, offset: 20 } })
    expect(
      (page as { data: { messages: { content: string }[] } }).data.messages.map((m) => m.content),
    ).toEqual(['message 20', 'message 21', 'message 22', 'message 23', 'message 24'])
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
    expect(await call('session.updateMetadata', { id: 'x', patch: { session_id: 'y' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
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

describe('session edit channels', () => {
  const contents = async (call: (channel: string, input: unknown) => Promise<unknown>, id: string) => {
    const page = (await call('session.messages', { id, offset: 0, limit: 100 })) as {
      data: { messages: { role: string; content: string }[] }
    }
    return page.data.messages.map((message) => `${message.role}:${message.content}`)
  }

  it('edit, undo, redo and editState, announcing every change', async () => {
    const bus = new EventBus()
    const changed: string[] = []
    bus.subscribe(
      (event, payload) => event === 'session.changed' && changed.push((payload as { id: string }).id),
    )
    const { call } = setup(bus)
    await call('session.create', { session_id: 's', user_id: 'ada' })
    changed.length = 0
    expect(await call('session.editState', { id: 's' })).toEqual({
      ok: true,
      data: { id: 's', revision: 0, canUndo: false, canRedo: false, undoLabel: null, redoLabel: null },
    })
    const edited = await call('session.edit', {
      id: 's',
      revision: 0,
      commands: [
        { op: 'insertMessage', index: 0, role: 'user', content: 'hello' },
        { op: 'insertMessage', index: 1, role: 'assistant', content: 'hi there' },
        { op: 'setMetadata', patch: { status: 'paused' } },
      ],
    })
    expect(edited).toEqual({
      ok: true,
      data: {
        id: 's',
        revision: 1,
        canUndo: true,
        canRedo: false,
        undoLabel: 'Insert message at #0 and 2 more',
        redoLabel: null,
      },
    })
    expect(await contents(call, 's')).toEqual(['user:hello', 'assistant:hi there'])
    expect(await call('session.get', { id: 's' })).toMatchObject({
      data: { messageCount: 2, metadata: { status: 'paused' } },
    })

    expect(await call('session.undo', { id: 's' })).toMatchObject({
      ok: true,
      data: { revision: 2, canRedo: true },
    })
    expect(await contents(call, 's')).toEqual([])
    expect(await call('session.get', { id: 's' })).toMatchObject({ data: { metadata: { status: 'active' } } })
    expect(await call('session.redo', { id: 's' })).toMatchObject({
      ok: true,
      data: { revision: 3, canUndo: true },
    })
    expect(await contents(call, 's')).toEqual(['user:hello', 'assistant:hi there'])
    expect(changed).toEqual(['s', 's', 's'])
  })

  it('answers CONFLICT for a stale revision and INVALID_INPUT for a bad command, changing nothing', async () => {
    const { call } = setup()
    await call('session.create', { session_id: 's' })
    const insert = { op: 'insertMessage', index: 0, role: 'user', content: 'one' }
    await call('session.edit', { id: 's', revision: 0, commands: [insert] })
    expect(await call('session.edit', { id: 's', revision: 0, commands: [insert] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(
      await call('session.edit', {
        id: 's',
        revision: 1,
        commands: [
          { op: 'deleteMessages', indices: [0] },
          { op: 'setMessage', index: 0, role: 'narrator' },
        ],
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(
      await call('session.edit', { id: 's', revision: 1, commands: [{ op: 'insertMessage', index: 0 }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await contents(call, 's')).toEqual(['user:one'])
    expect(await call('session.editState', { id: 's' })).toMatchObject({ ok: true, data: { revision: 1 } })
    expect(await call('session.undo', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('drops the history when the session is deleted', async () => {
    const { call } = setup()
    await call('session.create', { session_id: 's' })
    await call('session.edit', {
      id: 's',
      revision: 0,
      commands: [{ op: 'insertMessage', index: 0, role: 'user', content: 'one' }],
    })
    await call('session.delete', { id: 's' })
    await call('session.create', { session_id: 's' })
    expect(await call('session.editState', { id: 's' })).toMatchObject({
      ok: true,
      data: { revision: 0, canUndo: false },
    })
    expect(await call('session.undo', { id: 's' })).toMatchObject({ ok: true, data: { canUndo: false } })
    expect(await contents(call, 's')).toEqual([])
  })
})
