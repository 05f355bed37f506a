import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { MigrationJob, MigrationReport } from '../../shared/domains/migration/contract'
import { canMakeFifo, makeFifo, releaseFifo } from '../engine/testing/fifo'
import { dispatch } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import { disposeServices, type Services } from './services'
import { createTestServices } from './testing/testServices'

const opened: Services[] = []
const fifos: string[] = []
afterEach(async () => {
  for (const fifo of fifos.splice(0)) releaseFifo(fifo)
  for (const services of opened.splice(0)) await disposeServices(services)
})

describe.skipIf(!canMakeFifo)('the migration import channels and a named pipe', () => {
  it('validate and start report the pipe as an error naming it instead of waiting for a writer', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'mi-migration-fifo-')), 'pipe.json')
    makeFifo(fifo)
    fifos.push(fifo)
    const bus = new EventBus()
    const services = createTestServices({}, bus)
    opened.push(services)
    const handlers = createHandlers(services)
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const result = await dispatch(handlers, channel, input)
      if (!result.ok) throw new Error(result.error.message)
      return result.data as T
    }
    const refusal = {
      source: fifo,
      error: 'it is a named pipe (FIFO), not a regular file: only regular files can be read',
    }

    const dry = await call<MigrationReport>('migration.validate', { paths: [fifo] })
    expect(dry).toMatchObject({ success: false, sessions_migrated: 0 })
    expect(dry.errors).toEqual([expect.objectContaining(refusal)])

    let jobId = ''
    const finished = new Promise<void>((resolve) => {
      const off = bus.subscribe((event, payload) => {
        if (event !== 'migration.finished' || (payload as { jobId: string }).jobId !== jobId) return
        off()
        resolve()
      })
    })
    jobId = (await call<{ jobId: string }>('migration.start', { paths: [fifo] })).jobId
    await finished
    const job = await call<MigrationJob>('migration.job', { jobId })
    expect(job.report?.errors).toEqual([expect.objectContaining(refusal)])
  })
})
