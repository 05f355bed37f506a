import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  BackendError,
  Message,
  MessageRole,
  SessionMetadata,
  UtcDateTime,
  type IMemorySession,
} from '../../../shared/model/langswarm'
import { type SessionChange, type SessionState } from '../langswarm/memorySession'
import type { SessionEditCommand } from '../../../shared/model/session'
import { InMemoryBackend, JsonFileBackend, MemoryManager, SessionStoreBackend } from '../langswarm'
import { MemoryRepository } from '../langswarm/memoryRepository'
import type { SessionStats } from '../langswarm/sessionRepository'
import { tempDirs } from '../langswarm/testSupport/tempDir'
import { SessionEditor } from './sessionEditor'

const dirs = tempDirs()
const backends: SessionStoreBackend[] = []
afterEach(async () => {
  await Promise.all(backends.splice(0).map((backend) => backend.disconnect()))
  await dirs.cleanup()
})

const NOW = UtcDateTime.parse('2026-06-01T12:00:00+00:00')
const start = UtcDateTime.parse('2026-05-01T00:00:00+00:00')

/** Five messages; #1 carries everything `setMessage` must keep (metadata, tool calls, a stored token count). */
function seedMessages(): Message[] {
  const at = (index: number) => start.plusMilliseconds(index * 1000)
  return [
    new Message({ role: MessageRole.SYSTEM, content: 'Be brief.', timestamp: at(0), message_id: 'm0' }),
    new Message({
      role: MessageRole.ASSISTANT,
      content: 'Looking it up.',
      timestamp: at(1),
      message_id: 'm1',
      metadata: { model: 'x-1' },
      token_count: 42,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search', arguments: '{}' } }],
    }),
    new Message({
      role: MessageRole.TOOL,
      content: 'found it',
      timestamp: at(2),
      message_id: 'm2',
      metadata: { tool_call_id: 'call_1' },
    }),
    new Message({ role: MessageRole.USER, content: 'thanks', timestamp: at(3), message_id: 'm3' }),
    new Message({ role: MessageRole.ASSISTANT, content: 'any time', timestamp: at(4), message_id: 'm4' }),
  ]
}

/** An editor over a backend that tests can swap for a fresh one on the same store (a restart). */
function editorOver(first: SessionStoreBackend) {
  let manager = new MemoryManager(first)
  backends.push(first)
  const changed: string[] = []
  const editor = new SessionEditor({
    store: async () => manager,
    onChange: (id) => changed.push(id),
    clock: () => NOW,
  })
  return {
    editor,
    changed,
    session: async (id = 's') => (await manager.getSession(id))!,
    restart: async (next: SessionStoreBackend) => {
      await manager.backend.disconnect()
      backends.push(next)
      manager = new MemoryManager(next)
    },
  }
}

async function seeded(backend: SessionStoreBackend, messages = seedMessages()) {
  const setup = editorOver(backend)
  const session = await backend.createSession(
    new SessionMetadata({
      session_id: 's',
      user_id: 'ada',
      tags: ['triage'],
      properties: { source: 'test' },
      updated_at: '2026-05-01T00:00:00+00:00',
    }),
  )
  await session.replaceMessages(() => [...messages])
  return setup
}

async function jsonStore() {
  const path = join(await dirs.make(), 'store')
  const setup = await seeded(new JsonFileBackend({ path }))
  return { ...setup, path }
}

/** Everything an edit can change, with `updated_at` left out: every change, undo included, stamps it anew. */
async function snapshot(session: IMemorySession) {
  const { updated_at: _stamped, ...metadata } = session.metadata.toDict()
  return { metadata, messages: (await session.getMessages()).map((message) => message.toDict()) }
}

const contents = async (session: IMemorySession) =>
  (await session.getMessages()).map((message) => `${message.role}:${message.content}`)

describe('SessionEditor: every command and its inverse', () => {
  const cases: [string, SessionEditCommand[]][] = [
    [
      'setMetadata',
      [
        {
          op: 'setMetadata',
          patch: {
            status: 'paused',
            user_id: null,
            tags: ['triage', 'bug'],
            properties: { source: 'edited', n: 1 },
            expires_at: '2030-01-01T00:00:00+00:00',
            max_messages: 7,
            created_at: '2025-12-31T23:59:59.123456+00:00',
          },
        },
      ],
    ],
    ['setMessage role', [{ op: 'setMessage', index: 3, role: 'system' }]],
    ['setMessage content', [{ op: 'setMessage', index: 1, content: 'Changed my mind.' }]],
    ['setMessage role and content', [{ op: 'setMessage', index: 4, role: 'user', content: 'me again' }]],
    ['insertMessage', [{ op: 'insertMessage', index: 2, role: 'user', content: 'inserted' }]],
    ['insertMessage at the end', [{ op: 'insertMessage', index: 5, role: 'assistant', content: 'last' }]],
    ['deleteMessages', [{ op: 'deleteMessages', indices: [4, 0, 1] }]],
    ['moveMessages up', [{ op: 'moveMessages', indices: [2, 3], direction: 'up' }]],
    ['moveMessages down, scattered', [{ op: 'moveMessages', indices: [0, 2], direction: 'down' }]],
    [
      'a mixed batch',
      [
        { op: 'deleteMessages', indices: [0] },
        { op: 'setMetadata', patch: { status: 'archived' } },
        { op: 'setMessage', index: 0, content: 'now first' },
        { op: 'insertMessage', index: 4, role: 'tool', content: 'appended' },
        { op: 'setMetadata', patch: { status: 'completed', agent_id: 'bot' } },
      ],
    ],
  ]

  it.each(cases)('%s: apply, undo gives back the exact session, redo reapplies', async (_name, commands) => {
    const { editor, session, changed } = await seeded(new InMemoryBackend())
    const before = await snapshot(await session())
    const edited = await editor.edit('s', 0, commands)
    expect(edited).toMatchObject({ id: 's', revision: 1, canUndo: true, canRedo: false })
    const after = await snapshot(await session())
    expect(after).not.toEqual(before)

    expect(await editor.undo('s')).toMatchObject({ revision: 2, canUndo: false, canRedo: true })
    expect(await snapshot(await session())).toEqual(before)

    expect(await editor.redo('s')).toMatchObject({ revision: 3, canUndo: true, canRedo: false })
    expect(await snapshot(await session())).toEqual(after)
    expect(changed).toEqual(['s', 's', 's'])
  })
})

describe('SessionEditor: what each command does', () => {
  it('setMessage keeps id, timestamp, metadata and tool calls, and drops the stale token_count', async () => {
    const { editor, session } = await seeded(new InMemoryBackend())
    await editor.edit('s', 0, [{ op: 'setMessage', index: 1, role: 'user', content: 'edited' }])
    expect((await (await session()).getMessages())[1].toDict()).toEqual({
      role: 'user',
      content: 'edited',
      timestamp: '2026-05-01T00:00:01+00:00',
      message_id: 'm1',
      metadata: { model: 'x-1' },
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search', arguments: '{}' } }],
    })
  })

  it('insertMessage makes a new message stamped now; the others keep their instances', async () => {
    const { editor, session } = await seeded(new InMemoryBackend())
    const original = await (await session()).getMessages()
    await editor.edit('s', 0, [{ op: 'insertMessage', index: 1, role: 'user', content: 'hi' }])
    const messages = await (await session()).getMessages()
    expect(messages[1]).toMatchObject({ role: 'user', content: 'hi' })
    expect(messages[1].timestamp.toIsoString()).toBe(NOW.toIsoString())
    expect(original.map((message) => message.message_id)).not.toContain(messages[1].message_id)
    expect(messages.filter((_, index) => index !== 1)).toEqual(original)
    messages
      .filter((_, index) => index !== 1)
      .forEach((message, index) => expect(message).toBe(original[index]))
  })

  it('deletes and moves like MARSYS file edits: blocks move as one, a block at the edge stays', async () => {
    const { editor, session } = await seeded(new InMemoryBackend())
    const ids = async () => (await (await session()).getMessages()).map((message) => message.message_id)
    await editor.edit('s', 0, [{ op: 'moveMessages', indices: [2, 3], direction: 'up' }])
    expect(await ids()).toEqual(['m0', 'm2', 'm3', 'm1', 'm4'])
    await editor.edit('s', 1, [{ op: 'moveMessages', indices: [0, 1, 3], direction: 'up' }])
    expect(await ids()).toEqual(['m0', 'm2', 'm1', 'm3', 'm4'])
    await editor.edit('s', 2, [{ op: 'moveMessages', indices: [0, 2, 4], direction: 'down' }])
    expect(await ids()).toEqual(['m2', 'm0', 'm3', 'm1', 'm4'])
    await editor.edit('s', 3, [{ op: 'deleteMessages', indices: [3, 0, 1, 3] }])
    expect(await ids()).toEqual(['m3', 'm4'])
  })

  it('setMetadata undo restores exactly the patched keys, leaving later changes to other keys', async () => {
    const { editor, session } = await seeded(new InMemoryBackend())
    await editor.edit('s', 0, [{ op: 'setMetadata', patch: { tags: ['x'], status: 'paused' } }])
    await (await session()).updateMetadata({ agent_id: 'set elsewhere' })
    await editor.undo('s')
    expect((await session()).metadata).toMatchObject({
      tags: ['triage'],
      status: 'active',
      agent_id: 'set elsewhere',
    })
  })

  it('labels undo and redo steps', async () => {
    const { editor } = await seeded(new InMemoryBackend())
    await editor.edit('s', 0, [{ op: 'deleteMessages', indices: [1, 2] }])
    await editor.edit('s', 1, [
      { op: 'setMetadata', patch: { status: 'paused' } },
      { op: 'setMessage', index: 0, content: 'x' },
    ])
    expect(await editor.undo('s')).toMatchObject({
      undoLabel: 'Delete 2 messages',
      redoLabel: 'Edit status and 1 more',
    })
  })
})

describe('SessionEditor: the store is the truth', () => {
  const batch: SessionEditCommand[] = [
    { op: 'setMessage', index: 0, content: 'Be verbose.' },
    { op: 'deleteMessages', indices: [3] },
    { op: 'insertMessage', index: 1, role: 'user', content: 'new here' },
    { op: 'setMetadata', patch: { status: 'paused', tags: [] } },
  ]

  it('persists an edit across a restart of the backend', async () => {
    const { editor, session, restart, path } = await jsonStore()
    const before = await snapshot(await session())
    await editor.edit('s', 0, batch)
    const after = await snapshot(await session())
    expect(after).not.toEqual(before)
    await restart(new JsonFileBackend({ path }))
    expect(await snapshot(await session())).toEqual(after)
    expect(await contents(await session())).toEqual([
      'system:Be verbose.',
      'user:new here',
      'assistant:Looking it up.',
      'tool:found it',
      'assistant:any time',
    ])
  })

  it('persists an undo across a restart of the backend', async () => {
    const { editor, session, restart, path } = await jsonStore()
    const before = await snapshot(await session())
    await editor.edit('s', 0, batch)
    await editor.undo('s')
    await restart(new JsonFileBackend({ path }))
    expect(await snapshot(await session())).toEqual(before)
    // The history belongs to the session object of the closed backend: it no longer applies.
    expect(await editor.state('s')).toMatchObject({ canUndo: false, canRedo: false })
  })

  it('persists a redo across a restart of the backend', async () => {
    const { editor, session, restart, path } = await jsonStore()
    await editor.edit('s', 0, batch)
    const after = await snapshot(await session())
    await editor.undo('s')
    await editor.redo('s')
    await restart(new JsonFileBackend({ path }))
    expect(await snapshot(await session())).toEqual(after)
  })

  it('keeps the index counts and token totals in step with edits', async () => {
    const backend = new InMemoryBackend()
    const { editor } = await seeded(backend)
    const tokens = async () => (await backend.getUsageStats()).total_tokens
    // words: 2 + token_count 42 + 2 + 1 + 2
    expect(await tokens()).toBe(49)
    await editor.edit('s', 0, [
      { op: 'setMessage', index: 1, content: 'one two three' },
      { op: 'insertMessage', index: 0, role: 'user', content: 'four more words here' },
    ])
    expect(await backend.getMessageCount('s')).toBe(6)
    expect(await tokens()).toBe(4 + 2 + 3 + 2 + 1 + 2)
    await editor.undo('s')
    expect(await backend.getMessageCount('s')).toBe(5)
    expect(await tokens()).toBe(49)
  })
})

describe('SessionEditor: conflicts, invalid input and failed writes', () => {
  it('refuses a stale revision with CONFLICT', async () => {
    const { editor, session } = await seeded(new InMemoryBackend())
    await editor.edit('s', 0, [{ op: 'deleteMessages', indices: [0] }])
    await expect(editor.edit('s', 0, [{ op: 'deleteMessages', indices: [0] }])).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { revision: 1 },
    })
    expect(await (await session()).getMessages()).toHaveLength(4)
  })

  it('serialises concurrent edits: the second with the same revision is a CONFLICT', async () => {
    const { editor, session } = await seeded(new InMemoryBackend())
    const results = await Promise.allSettled([
      editor.edit('s', 0, [{ op: 'deleteMessages', indices: [0] }]),
      editor.edit('s', 0, [{ op: 'deleteMessages', indices: [0] }]),
    ])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected'])
    expect(await (await session()).getMessages()).toHaveLength(4)
  })

  it.each<[string, SessionEditCommand[]]>([
    [
      'an index past the end',
      [
        { op: 'deleteMessages', indices: [0] },
        { op: 'setMessage', index: 4, content: 'x' },
      ],
    ],
    [
      'an invalid role',
      [
        { op: 'setMetadata', patch: { status: 'paused' } },
        { op: 'insertMessage', index: 0, role: 'robot', content: 'x' },
      ],
    ],
    [
      'an invalid metadata value',
      [
        { op: 'deleteMessages', indices: [0] },
        { op: 'setMetadata', patch: { max_messages: 0 } },
      ],
    ],
  ])('rolls back the whole batch on %s (INVALID_INPUT), persisting nothing', async (_name, commands) => {
    const backend = new InMemoryBackend()
    const { editor, session, changed } = await seeded(backend)
    const before = await snapshot(await session())
    const stamped = (await session()).metadata.updated_at.toIsoString()
    await expect(editor.edit('s', 0, commands)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(await snapshot(await session())).toEqual(before)
    expect((await backend.getSessionMetadata('s'))?.updated_at.toIsoString()).toBe(stamped)
    expect(await editor.state('s')).toMatchObject({ revision: 0, canUndo: false })
    expect(changed).toEqual([])
  })

  it('validates roles of setMessage and insertMessage', async () => {
    const { editor } = await seeded(new InMemoryBackend())
    await expect(editor.edit('s', 0, [{ op: 'setMessage', index: 0, role: 'System' }])).rejects.toMatchObject(
      {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('user, assistant, system, function, tool'),
      },
    )
    await expect(
      editor.edit('s', 0, [{ op: 'insertMessage', index: 0, role: '', content: 'x' }]),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(await editor.edit('s', 0, [{ op: 'setMessage', index: 0, role: 'function' }])).toMatchObject({
      revision: 1,
    })
  })

  it('records nothing for a batch that changes nothing', async () => {
    const { editor, session, changed } = await seeded(new InMemoryBackend())
    const stamped = (await session()).metadata.updated_at.toIsoString()
    const state = await editor.edit('s', 0, [
      { op: 'moveMessages', indices: [0, 1], direction: 'up' },
      { op: 'setMessage', index: 3, content: 'thanks' },
    ])
    expect(state).toMatchObject({ revision: 0, canUndo: false })
    expect((await session()).metadata.updated_at.toIsoString()).toBe(stamped)
    expect(changed).toEqual([])
  })

  it('refuses to undo over changes made outside the editor (CONFLICT), keeping the step', async () => {
    const { editor, session } = await seeded(new InMemoryBackend())
    await editor.edit('s', 0, [{ op: 'setMessage', index: 2, content: 'edited' }])
    await (await session()).replaceMessages((current) => current.slice(0, 2))
    await expect(editor.undo('s')).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await editor.state('s')).toMatchObject({ revision: 1, canUndo: true })
  })
})

/** In-memory storage whose next saves can be told to fail, as a full disk would. */
class FlakyRepository extends MemoryRepository {
  /** One entry per coming save; `true` makes that save fail. */
  readonly plan: boolean[] = []

  override async save(id: string, state: Readonly<SessionState>, change: SessionChange, stats: SessionStats) {
    if (this.plan.shift() === true) throw new BackendError(this.kind, 'save_session', new Error('disk full'))
    return super.save(id, state, change, stats)
  }
}

describe('SessionEditor: writes that fail', () => {
  async function flaky() {
    const repository = new FlakyRepository()
    const setup = await seeded(new SessionStoreBackend(repository))
    const before = await snapshot(await setup.session())
    return { ...setup, repository, before }
  }

  it('an edit that cannot be saved changes nothing and reports IO_ERROR', async () => {
    const { editor, session, repository, before, changed } = await flaky()
    repository.plan.push(true)
    await expect(editor.edit('s', 0, [{ op: 'deleteMessages', indices: [1] }])).rejects.toMatchObject({
      code: 'IO_ERROR',
    })
    expect(await snapshot(await session())).toEqual(before)
    expect(await editor.state('s')).toMatchObject({ revision: 0, canUndo: false })
    expect(changed).toEqual([])
    expect(await editor.edit('s', 0, [{ op: 'deleteMessages', indices: [1] }])).toMatchObject({ revision: 1 })
  })

  it('takes the message changes back when the metadata of the same batch cannot be saved', async () => {
    const { editor, session, repository, before } = await flaky()
    repository.plan.push(false, true)
    await expect(
      editor.edit('s', 0, [
        { op: 'deleteMessages', indices: [0, 1] },
        { op: 'setMetadata', patch: { status: 'paused' } },
      ]),
    ).rejects.toMatchObject({ code: 'IO_ERROR' })
    expect(await snapshot(await session())).toEqual(before)
    expect(await editor.state('s')).toMatchObject({ revision: 0, canUndo: false })
  })

  it('an undo or redo that cannot be saved keeps the session and the history as they were', async () => {
    const { editor, session, repository, before } = await flaky()
    await editor.edit('s', 0, [{ op: 'insertMessage', index: 0, role: 'user', content: 'first' }])
    const after = await snapshot(await session())
    repository.plan.push(true)
    await expect(editor.undo('s')).rejects.toMatchObject({ code: 'IO_ERROR' })
    expect(await snapshot(await session())).toEqual(after)
    expect(await editor.state('s')).toMatchObject({ revision: 1, canUndo: true, canRedo: false })
    await editor.undo('s')
    expect(await snapshot(await session())).toEqual(before)
    repository.plan.push(true)
    await expect(editor.redo('s')).rejects.toMatchObject({ code: 'IO_ERROR' })
    expect(await snapshot(await session())).toEqual(before)
    expect(await editor.state('s')).toMatchObject({ revision: 2, canUndo: false, canRedo: true })
    await editor.redo('s')
    expect(await snapshot(await session())).toEqual(after)
  })
})

describe('SessionEditor: histories and session lifetimes', () => {
  it('keeps one history per session and answers NOT_FOUND for unknown sessions', async () => {
    const backend = new InMemoryBackend()
    const { editor } = await seeded(backend)
    await backend.createSession(new SessionMetadata({ session_id: 'other' }))
    await editor.edit('s', 0, [{ op: 'deleteMessages', indices: [0] }])
    expect(await editor.state('other')).toMatchObject({ revision: 0, canUndo: false })
    expect(await editor.state('s')).toMatchObject({ revision: 1, canUndo: true })
    await expect(editor.state('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(editor.undo('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('drops the history of a deleted session, also when a new one takes its id', async () => {
    const backend = new InMemoryBackend()
    const { editor } = await seeded(backend)
    await editor.edit('s', 0, [{ op: 'deleteMessages', indices: [0] }])
    await backend.deleteSession('s')
    await expect(editor.undo('s')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await backend.createSession(new SessionMetadata({ session_id: 's' }))
    expect(await editor.state('s')).toMatchObject({ revision: 0, canUndo: false })

    await editor.edit('s', 0, [{ op: 'insertMessage', index: 0, role: 'user', content: 'x' }])
    editor.forget('s')
    expect(await editor.state('s')).toMatchObject({ revision: 0, canUndo: false })
  })
})

describe('SessionEditor: big sessions', () => {
  it('deletes every other message of 100,000 and undoes it in linear time, reusing every untouched message', async () => {
    const messages = Array.from(
      { length: 100_000 },
      (_, index) =>
        new Message({ role: MessageRole.USER, content: `message ${index}`, message_id: `m${index}` }),
    )
    const { editor, session } = await seeded(new InMemoryBackend(), messages)
    const odd = messages.map((_, index) => index).filter((index) => index % 2 === 1)
    const started = performance.now()
    await editor.edit('s', 0, [
      { op: 'deleteMessages', indices: odd },
      { op: 'moveMessages', indices: [0, 10, 49_999], direction: 'down' },
    ])
    const edited = await (await session()).getMessages()
    expect(edited).toHaveLength(50_000)
    expect(edited[2]).toBe(messages[4])
    expect(edited.slice(0, 2)).toEqual([messages[2], messages[0]])
    expect(edited.at(-1)).toBe(messages[99_998])
    await editor.undo('s')
    const restored = await (await session()).getMessages()
    expect(restored.every((message, index) => message === messages[index])).toBe(true)
    expect(restored).toHaveLength(100_000)
    // A quadratic splice-per-index approach takes minutes here.
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})
