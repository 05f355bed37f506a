import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Message, MessageRole, SessionMetadata } from '../../shared/model/langswarm'
import { JsonFileBackend } from '../engine/langswarm'
import { tempDirs } from '../engine/testing/tempDir'
import { sessionStorePath } from '../engine/sessions/sessionWorkspace'
import { main } from './main'
import { captureIo } from './testing/testIo'

const dirs = tempDirs()
const backends: JsonFileBackend[] = []
afterEach(async () => {
  await Promise.all(backends.splice(0).map((backend) => backend.disconnect()))
  await dirs.cleanup()
})

/** A data folder whose session store has two sessions in one shard, the shard cut off after the first. */
async function dataDirWithTruncatedShard(): Promise<{ dataDir: string; shard: string; cut: string }> {
  const dataDir = await dirs.make('mi-cli-repair-')
  const store = sessionStorePath(dataDir)
  const backend = new JsonFileBackend({ path: store, indexShards: 1 })
  for (const id of ['first', 'second']) {
    const session = await backend.createSession(new SessionMetadata({ session_id: id }))
    await session.addMessage(new Message({ role: MessageRole.USER, content: `${id} message` }))
  }
  await backend.disconnect()
  const shard = join(store, 'index', 'shard-000.json')
  const text = await readFile(shard, 'utf8')
  const cut = text.slice(0, text.indexOf('"second":') + 12)
  await writeFile(shard, cut)
  return { dataDir, shard, cut }
}

describe('store-repair', () => {
  it('reports the damage on a dry run and changes nothing', async () => {
    const { dataDir, shard, cut } = await dataDirWithTruncatedShard()
    const io = captureIo(dataDir)
    expect(await main(['store-repair', '--data-dir', '.', '--dry-run'], io)).toBe(0)
    expect(io.out).toContain(`${sessionStorePath(dataDir)}: 2 problems found`)
    expect(io.out).toMatch(/index_shard +\S+shard-000\.json: Malformed JSON/)
    expect(io.out).toMatch(/orphaned_session_file +\S+second\.json/)
    expect(io.out).toContain('A repair would (dry run, nothing changed):')
    expect(await readFile(shard, 'utf8')).toBe(cut)
  })

  it('repairs, prints the report as JSON, and the store then lists every session', async () => {
    const { dataDir } = await dataDirWithTruncatedShard()
    const io = captureIo(dataDir)
    expect(await main(['store-repair', '--data-dir', dataDir, '--json'], io)).toBe(0)
    const report = JSON.parse(io.out)
    expect(report).toMatchObject({ dry_run: false, sessions: 2, lost_messages: 0 })
    expect(report.actions.map((action: { action: string }) => action.action)).toEqual([
      'kept_damaged_copy',
      'restored_session',
      'rewrote_index_shard',
    ])
    const again = captureIo(dataDir)
    expect(await main(['store-repair', '--data-dir', dataDir], again)).toBe(0)
    expect(again.out).toBe(`${sessionStorePath(dataDir)}: no damage found, nothing to do (2 sessions)\n`)
  })

  it('fails with one line when the store is in use or absent, and needs --data-dir', async () => {
    const { dataDir } = await dataDirWithTruncatedShard()
    const holder = new JsonFileBackend({ path: sessionStorePath(dataDir) })
    backends.push(holder)
    await holder.connect()
    const locked = captureIo(dataDir)
    expect(await main(['store-repair', '--data-dir', dataDir], locked)).toBe(1)
    expect(locked.err).toMatch(
      /^memory-inspector: Session store .* is in use by pid \d+.*remove .*store\.lock.*\n$/,
    )

    const empty = await dirs.make('mi-cli-empty-')
    const absent = captureIo(empty)
    expect(await main(['store-repair', '--data-dir', empty], absent)).toBe(1)
    expect(absent.err).toContain('there is no session store at')

    const usage = captureIo(empty)
    expect(await main(['store-repair'], usage)).toBe(2)
    expect(usage.err).toMatch(/^memory-inspector: store-repair: --data-dir DIR is required/)
  })
})
