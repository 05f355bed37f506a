import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CompareSummary, CompareWindow } from '../../shared/domains/compare/model'
import { Message } from '../../shared/model/langswarm/message'
import type { ErrorInfo } from '../../shared/result'
import { fixturePath } from '../engine/testing/fixtures'
import { dispatch } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import type { Services } from './services'
import { createTestServices } from './testing/testServices'

const PARIS = 'Weather in Paris and Berlin, then convert 20 C to F.'
const THEIRS = 'Weather in Oslo, written by another program.'
const OURS = 'Our edit, made in the app.'

const opened: Services[] = []
afterEach(async () => {
  for (const services of opened.splice(0)) await services.sessions.close()
})

function setup() {
  const bus = new EventBus()
  const services = createTestServices({}, bus)
  opened.push(services)
  const handlers = createHandlers(services)
  const send = (channel: string, input: unknown) => dispatch(handlers, channel, input)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await send(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.data as T
  }
  const fail = async (channel: string, input: unknown): Promise<ErrorInfo> => {
    const result = await send(channel, input)
    if (result.ok) throw new Error(`${channel} succeeded`)
    return result.error
  }
  return { bus, call, fail, services }
}

/** A copy of 03_tool_calls.json, opened, with message 1 edited in the app. */
async function editedCopy(call: ReturnType<typeof setup>['call']) {
  const path = join(mkdtempSync(join(tmpdir(), 'mi-compare-')), '03_tool_calls.json')
  copyFileSync(fixturePath('03_tool_calls.json'), path)
  const { documents } = await call<{ documents: { id: string }[] }>('document.open', { paths: [path] })
  const id = documents[0].id
  const { revision } = await call<{ revision: number }>('document.state', { id })
  await call('document.edit', { id, revision, commands: [{ op: 'setContentText', index: 1, text: OURS }] })
  return { id, path }
}

describe('compare handlers', () => {
  it('shows what changed on disk against the edited document, after the save refused to overwrite it', async () => {
    const { call, fail, bus } = setup()
    const { id, path } = await editedCopy(call)
    writeFileSync(path, readFileSync(path, 'utf8').replace(PARIS, THEIRS))
    expect(await fail('document.save', { id })).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'changed-on-disk' },
    })

    const progress: unknown[] = []
    bus.subscribe((event, payload) => event === 'compare.progress' && progress.push(payload))
    const summary = await call<CompareSummary>('compare.start', {
      left: { kind: 'disk', id },
      right: { kind: 'document', id },
      jobId: 'conflict-1',
    })
    expect(summary).toMatchObject({
      left: { label: '03_tool_calls.json (on disk)', count: 11 },
      right: { label: '03_tool_calls.json (edited)', count: 11 },
      changed: 1,
      added: 0,
      removed: 0,
      same: 10,
    })
    expect(progress).toContainEqual({ jobId: 'conflict-1', phase: 'matching', done: 1, total: 1 })

    const changes = await call<CompareWindow>('compare.rows', {
      compareId: summary.compareId,
      offset: 0,
      limit: 10,
      changesOnly: true,
    })
    expect(changes.rows).toHaveLength(1)
    const [row] = changes.rows
    expect(row).toMatchObject({ kind: 'changed', left: { index: 1, role: 'user' }, right: { index: 1 } })
    const removed = row.lines!.filter((pair) => pair.left?.kind === 'removed').map((pair) => pair.left!.text)
    const added = row.lines!.filter((pair) => pair.right?.kind === 'added').map((pair) => pair.right!.text)
    expect(removed.join('\n')).toContain(THEIRS)
    expect(added.join('\n')).toContain(OURS)
  })

  it('compares the edited document with its saved version, and asks to compare again after another edit', async () => {
    const { call, fail } = setup()
    const { id } = await editedCopy(call)
    const summary = await call<CompareSummary>('compare.start', {
      left: { kind: 'saved', id },
      right: { kind: 'document', id },
    })
    expect(summary).toMatchObject({ left: { label: '03_tool_calls.json (saved)' }, changed: 1, changes: 1 })
    const window = await call<CompareWindow>('compare.rows', {
      compareId: summary.compareId,
      offset: 0,
      limit: 3,
    })
    expect(window.rows.map((row) => row.kind)).toEqual(['same', 'changed', 'same'])
    expect(window.rows[1].left?.preview).toBe(PARIS)
    expect(await call('compare.step', { compareId: summary.compareId, from: -1, direction: 'next' })).toEqual(
      {
        row: 1,
        change: 0,
      },
    )

    const { revision } = await call<{ revision: number }>('document.state', { id })
    await call('document.edit', { id, revision, commands: [{ op: 'delete', indices: [3] }] })
    expect(await fail('compare.rows', { compareId: summary.compareId, offset: 0, limit: 3 })).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'changed' },
    })
    expect(await call('compare.close', { compareId: summary.compareId })).toEqual({ closed: true })
    expect(await fail('compare.rows', { compareId: summary.compareId, offset: 0, limit: 3 })).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('compares with what was last saved, not with what was opened', async () => {
    const { call, fail } = setup()
    const { id, path } = await editedCopy(call)
    await call('document.save', { id })
    const { revision } = await call<{ revision: number }>('document.state', { id })
    await call('document.edit', { id, revision, commands: [{ op: 'delete', indices: [10] }] })
    const summary = await call<CompareSummary>('compare.start', {
      left: { kind: 'saved', id },
      right: { kind: 'document', id },
    })
    // The first edit is saved: only the deletion is left.
    expect(summary).toMatchObject({ changed: 0, removed: 1, added: 0, same: 10 })

    // Another program changes the file: what was saved is gone, and the app says so.
    writeFileSync(path, readFileSync(path, 'utf8').replace(OURS, THEIRS))
    expect(
      await fail('compare.start', { left: { kind: 'saved', id }, right: { kind: 'document', id } }),
    ).toMatchObject({ code: 'CONFLICT', details: { reason: 'saved-unavailable' } })
    const gone = await call<CompareSummary>('compare.start', {
      left: { kind: 'disk', id },
      right: { kind: 'document', id },
    })
    expect(gone).toMatchObject({ changed: 1, removed: 1 })
  })

  it('compares with the opened bytes when the file changed on disk but was never saved over', async () => {
    const { call } = setup()
    const { id, path } = await editedCopy(call)
    writeFileSync(path, readFileSync(path, 'utf8').replace(PARIS, THEIRS))
    const summary = await call<CompareSummary>('compare.start', {
      left: { kind: 'saved', id },
      right: { kind: 'document', id },
    })
    expect(summary).toMatchObject({ changed: 1, same: 10 })
    const { rows } = await call<CompareWindow>('compare.rows', {
      compareId: summary.compareId,
      offset: 1,
      limit: 1,
    })
    expect(rows[0].left?.preview).toBe(PARIS)
  })

  it("compares a file with a store session by role, content and tool calls (not by each format's own fields)", async () => {
    const { call, services } = setup()
    const texts = ['Hello', 'Hi, how can I help?', 'Weather in Paris?']
    const dir = mkdtempSync(join(tmpdir(), 'mi-compare-'))
    const path = join(dir, 'chat.json')
    writeFileSync(
      path,
      JSON.stringify({
        memory_type: 'conversation_history',
        messages: texts.map((content, i) => ({ role: i % 2 ? 'assistant' : 'user', content })),
      }),
    )
    await call('session.create', { session_id: 'chat' })
    const session = (await (await services.sessions.get()).getSession('chat'))!
    for (const [i, content] of [...texts.slice(0, 2), 'Weather in Oslo?', 'One more'].entries())
      await session.addMessage(new Message({ role: i % 2 ? 'assistant' : 'user', content }))
    const { documents } = await call<{ documents: { id: string }[] }>('document.open', { paths: [path] })
    const opened = await call<{ id: string }>('session.open', { id: 'chat' })

    const summary = await call<CompareSummary>('compare.start', {
      left: { kind: 'document', id: documents[0].id },
      right: { kind: 'document', id: opened.id },
    })
    expect(summary).toMatchObject({ same: 2, changed: 1, added: 1, removed: 0 })
    const { rows } = await call<CompareWindow>('compare.rows', {
      compareId: summary.compareId,
      offset: 0,
      limit: 10,
      changesOnly: true,
    })
    expect(rows.map((row) => [row.kind, row.left?.preview ?? null, row.right?.preview])).toEqual([
      ['changed', 'Weather in Paris?', 'Weather in Oslo?'],
      ['added', null, 'One more'],
    ])
  })

  it('names the file and the line when the file on disk no longer parses', async () => {
    const { call, fail } = setup()
    const { id, path } = await editedCopy(call)
    writeFileSync(path, '{\n  "messages": [\n    {"role": "user",}\n  ]\n}\n')
    const error = await fail('compare.start', { left: { kind: 'disk', id }, right: { kind: 'document', id } })
    expect(error.code).toBe('PARSE_ERROR')
    expect(error.message).toContain(path)
    expect(error.details).toMatchObject({ file: path, line: 3 })
  })

  it('refuses a window larger than the contract allows', async () => {
    const { fail } = setup()
    expect(await fail('compare.rows', { compareId: 'x', offset: 0, limit: 100_000 })).toMatchObject({
      code: 'INVALID_INPUT',
    })
  })
})
