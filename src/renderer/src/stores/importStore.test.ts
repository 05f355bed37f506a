import { describe, expect, it } from 'vitest'
import type { MigrationJob, MigrationReport } from '../../../shared/domains/migration/contract'
import { createFakeClient } from '../testing/fakeClient'
import { createImportStore } from './importStore'

const report = (dryRun: boolean, migrated = 2): MigrationReport => ({
  dry_run: dryRun,
  success: true,
  cancelled: false,
  started_at: '2026-12-02T03:00:00.000000+00:00',
  finished_at: '2026-12-02T03:00:01.000000+00:00',
  sources: [{ path: '/data/agents', kind: 'marsys_folder', sessions: 2, messages: 5, finished: true }],
  sessions_migrated: migrated,
  messages_migrated: 5,
  skipped: 0,
  sessions: [
    {
      session_id: 'a',
      source: '/data/agents/a.json',
      outcome: dryRun ? 'would_migrate' : 'migrated',
      messages: 3,
    },
    {
      session_id: 'b',
      source: '/data/agents/b.json',
      outcome: dryRun ? 'would_migrate' : 'migrated',
      messages: 2,
    },
  ],
  losses: [],
  notes: [],
  errors: [],
})

const job = (jobId: string, running: boolean): MigrationJob => ({
  jobId,
  running,
  progress: { current: running ? 1 : 5, total: 5, status: 'x' },
  report: running ? null : report(false),
  error: null,
})

describe('import store', () => {
  it('adds paths once, checks them, and forgets the check when the sources change', async () => {
    const client = createFakeClient({ 'migration.validate': () => report(true) })
    const store = createImportStore(client)
    store.getState().addPaths(['/data/agents', ' /data/agents ', ''])
    expect(store.getState().paths).toEqual(['/data/agents'])
    await store.getState().validate()
    expect(store.getState()).toMatchObject({ phase: 'checked', check: { sessions_migrated: 2 } })
    expect(client.callsTo('migration.validate')).toEqual([
      { paths: ['/data/agents'], renameConflicts: false },
    ])
    store.getState().addPaths(['/data/old.db'])
    expect(store.getState()).toMatchObject({ phase: 'pick', check: null })
  })

  it('follows a run through its progress events to the result', async () => {
    const client = createFakeClient({
      'migration.start': () => ({ jobId: 'j1' }),
      'migration.job': ({ jobId }) => job(jobId, false),
    })
    const store = createImportStore(client)
    store.getState().addPaths(['/data/agents'])
    await store.getState().run()
    expect(store.getState()).toMatchObject({ phase: 'running', jobId: 'j1' })
    client.emit('migration.progress', { jobId: 'other', current: 9, total: 9, status: 'not ours' })
    client.emit('migration.progress', { jobId: 'j1', current: 3, total: 5, status: 'a' })
    expect(store.getState().progress).toEqual({ current: 3, total: 5, status: 'a' })
    client.emit('migration.finished', { jobId: 'j1' })
    await settled(() => store.getState().phase === 'done')
    expect(store.getState().result).toMatchObject({ sessions_migrated: 2, dry_run: false })
  })

  it('catches a run that ended before its id was known', async () => {
    const client = createFakeClient({ 'migration.job': ({ jobId }) => job(jobId, false) })
    client.handlers['migration.start'] = () => {
      client.emit('migration.finished', { jobId: 'j2' })
      return { jobId: 'j2' }
    }
    const store = createImportStore(client)
    store.getState().addPaths(['/data/agents'])
    await store.getState().run()
    expect(store.getState()).toMatchObject({ phase: 'done', result: { sessions_migrated: 2 } })
  })
})

async function settled(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 0))
  expect(done()).toBe(true)
}
