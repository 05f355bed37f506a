import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { MigrationJob, MigrationReport } from '../../shared/domains/migration/contract'
import { OpenPolicy } from '../engine/conversations/files/openPolicy'
import { diagnoseMarsysBuffer } from '../engine/marsys/codec/diagnostics'
import { buildV2Database } from '../engine/migration/testing/specDatabases'
import { fixturePath } from '../engine/testing/fixtures'
import { dispatch } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import { disposeServices, type Services } from './services'
import { createTestServices } from './testing/testServices'

const opened: Services[] = []
afterEach(async () => {
  for (const services of opened.splice(0)) await disposeServices(services)
})

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'mi-migration-'))

async function setup(roots?: string[]) {
  const bus = new EventBus()
  const events: { event: string; payload: unknown }[] = []
  bus.subscribe((event, payload) => events.push({ event, payload }))
  const policy = roots ? await OpenPolicy.forWebMode(roots) : OpenPolicy.unrestricted()
  const services = createTestServices({}, bus, policy)
  opened.push(services)
  const handlers = createHandlers(services)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await dispatch(handlers, channel, input)
    if (!result.ok)
      throw Object.assign(new Error(result.error.message), {
        code: result.error.code,
        details: result.error.details,
      })
    return result.data as T
  }
  const failure = async (channel: string, input: unknown) => {
    const result = await dispatch(handlers, channel, input)
    if (result.ok) throw new Error(`${channel} succeeded`)
    return result.error
  }
  /** Resolves with the job once `migration.finished` names it. */
  const finished = (jobId: () => string) =>
    new Promise<MigrationJob>((resolve) => {
      const off = bus.subscribe((event, payload) => {
        if (event !== 'migration.finished' || (payload as { jobId: string }).jobId !== jobId()) return
        off()
        void call<MigrationJob>('migration.job', { jobId: jobId() }).then(resolve)
      })
    })
  return { services, bus, events, call, failure, finished }
}

/** A folder with three real MARSYS files and a V2 database of two sessions. */
async function sourceFolder(): Promise<{ root: string; marsys: string; db: string }> {
  const root = tempDir()
  const marsys = join(root, 'agents')
  mkdirSync(marsys)
  for (const name of ['01_plain_conversation.json', '03_tool_calls.json', '10_kg_facts.json'])
    copyFileSync(fixturePath(name), join(marsys, name))
  const db = await buildV2Database(join(root, 'store.sqlite'), [
    { id: 'v2-a', messages: 4, withSummary: true },
    { id: 'v2-b', messages: 3 },
  ])
  return { root, marsys, db }
}

async function runToEnd(
  setupResult: Awaited<ReturnType<typeof setup>>,
  paths: string[],
): Promise<MigrationReport> {
  let jobId = ''
  const done = setupResult.finished(() => jobId)
  jobId = (await setupResult.call<{ jobId: string }>('migration.start', { paths })).jobId
  const job = await done
  expect(job).toMatchObject({ running: false, error: null })
  return job.report!
}

describe('migration channels', () => {
  it('validates without writing, then migrates with progress; a second run adds nothing', async () => {
    const { marsys, db } = await sourceFolder()
    const app = await setup()
    const dry = await app.call<MigrationReport>('migration.validate', { paths: [marsys, db] })
    expect(dry.dry_run).toBe(true)
    expect(dry.sources.map((s) => s.kind)).toEqual(['marsys_folder', 'langswarm_v2_sqlite'])
    expect(dry.sessions.map((s) => s.outcome)).toEqual(Array(5).fill('would_migrate'))
    expect(dry.sessions_migrated).toBe(5)
    expect((await app.call<{ total: number }>('session.list', { limit: 10, offset: 0 })).total).toBe(0)

    const report = await runToEnd(app, [marsys, db])
    expect(report).toMatchObject({ dry_run: false, success: true, sessions_migrated: 5, skipped: 0 })
    expect((await app.call<{ total: number }>('session.list', { limit: 10, offset: 0 })).total).toBe(5)
    const progress = app.events.filter((e) => e.event === 'migration.progress').map((e) => e.payload)
    expect(progress.at(-1)).toMatchObject({
      current: report.messages_migrated,
      total: report.messages_migrated,
    })
    const changed = app.events
      .filter((e) => e.event === 'session.changed')
      .map((e) => (e.payload as { id: string }).id)
    expect(changed.sort()).toEqual(report.sessions.map((s) => s.session_id).sort())

    const again = await runToEnd(app, [marsys, db])
    expect(again).toMatchObject({ sessions_migrated: 0, skipped: 5 })
    expect(again.sessions.every((s) => s.outcome === 'already_present')).toBe(true)
  })

  it('cancel stops a run between sessions and leaves the store valid', async () => {
    const root = tempDir()
    const db = await buildV2Database(
      join(root, 'many.sqlite'),
      Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, messages: 4 })),
    )
    const app = await setup()
    let jobId = ''
    let cancelled: Promise<{ cancelled: boolean }> | null = null
    app.bus.subscribe((event, payload) => {
      if (
        event === 'migration.progress' &&
        cancelled === null &&
        (payload as { jobId: string }).jobId === jobId
      )
        cancelled = app.call('migration.cancel', { jobId })
    })
    const done = app.finished(() => jobId)
    jobId = (await app.call<{ jobId: string }>('migration.start', { paths: [db] })).jobId
    const job = await done
    expect(await cancelled).toEqual({ cancelled: true })
    const report = job.report!
    expect(report).toMatchObject({ cancelled: true, success: false })
    expect(report.sources[0].finished).toBe(false)
    expect(report.sessions_migrated).toBeLessThan(300)
    const list = await app.call<{ total: number }>('session.list', { limit: 1, offset: 0 })
    expect(list.total).toBe(report.sessions_migrated)
    expect(await app.call('migration.cancel', { jobId })).toEqual({ cancelled: false })

    // A rerun brings in exactly what the cancelled run left out.
    const rest = await runToEnd(app, [db])
    expect(rest.sessions_migrated).toBe(300 - report.sessions_migrated)
    expect((await app.call<{ total: number }>('session.list', { limit: 1, offset: 0 })).total).toBe(300)
  })

  it('refuses paths outside the allowed folders, for reading and for writing', async () => {
    const { root, marsys } = await sourceFolder()
    const elsewhere = await sourceFolder()
    const app = await setup([root])
    expect(await app.failure('migration.validate', { paths: [marsys, elsewhere.marsys] })).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(await app.failure('migration.start', { paths: [elsewhere.db] })).toMatchObject({
      code: 'FORBIDDEN',
    })
    await runToEnd(app, [marsys])
    const { documents } = await app.call<{ documents: { id: string }[] }>('document.open', {
      paths: [join(marsys, '03_tool_calls.json')],
    })
    const out = join(elsewhere.root, 'out.json')
    expect(
      await app.failure('migration.export', { id: documents[0].id, format: 'marsys', path: out }),
    ).toMatchObject({ code: 'FORBIDDEN' })
    expect(existsSync(out)).toBe(false)
  })

  it('exports a migrated session back to a MARSYS file MARSYS loads, never silently over a file', async () => {
    const { marsys } = await sourceFolder()
    const app = await setup()
    const report = await runToEnd(app, [marsys])
    const migrated = report.sessions.find((s) => s.source.endsWith('03_tool_calls.json'))!
    const doc = await app.call<{ id: string }>('session.open', { id: migrated.session_id })

    const plan = await app.call<{ losses: unknown[]; messages: number; suggestedName: string }>(
      'migration.exportPlan',
      { id: doc.id, format: 'marsys' },
    )
    expect(plan.losses).toEqual([])
    expect(plan.suggestedName).toMatch(/\.json$/)

    const out = join(tempDir(), 'back.json')
    const written = await app.call<{ path: string; bytes: number }>('migration.export', {
      id: doc.id,
      format: 'marsys',
      path: out,
    })
    expect(written.path).toBe(out)
    const bytes = readFileSync(out)
    expect(written.bytes).toBe(bytes.byteLength)
    expect(diagnoseMarsysBuffer(bytes).marsysLoadable).toBe(true)
    expect(bytes.equals(readFileSync(fixturePath('03_tool_calls.json')))).toBe(true)

    writeFileSync(out, 'keep me')
    expect(await app.failure('migration.export', { id: doc.id, format: 'jsonl', path: out })).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'target-exists' },
    })
    expect(readFileSync(out, 'utf8')).toBe('keep me')
    await app.call('migration.export', { id: doc.id, format: 'jsonl', path: out, overwrite: true })
    expect(readFileSync(`${out}.bak`, 'utf8')).toBe('keep me')
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(plan.messages)
  })

  it('returns the text for download and lists what a format cannot hold', async () => {
    const { marsys } = await sourceFolder()
    const app = await setup()
    const { documents } = await app.call<{ documents: { id: string }[] }>('document.open', {
      paths: [join(marsys, '03_tool_calls.json')],
    })
    const plan = await app.call<{ losses: { field: string }[] }>('migration.exportPlan', {
      id: documents[0].id,
      format: 'jsonl',
    })
    expect(plan.losses.map((l) => l.field)).toContain('session metadata')
    const result = await app.call<{ path: null; text: string; suggestedName: string }>('migration.export', {
      id: documents[0].id,
      format: 'openai',
    })
    expect(result.path).toBeNull()
    expect(result.suggestedName).toBe('03_tool_calls.openai.json')
    const request = JSON.parse(result.text) as { messages: { role: string }[] }
    expect(request.messages.some((m) => m.role === 'tool')).toBe(true)
  })
})
