import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Message, MessageRole, SessionMetadata, type IMemoryBackend } from '../../../shared/model/langswarm'
import { fixturePath } from '../testing/fixtures'
import { BACKUP_FORMAT } from './backup'
import { MemoryMigrator } from './memoryMigrator'
import { migrate } from './migrate'
import { buildV2Database } from './testing/specDatabases'
import { migrationFixtures } from './testing/stores'

const fx = migrationFixtures()
afterEach(() => fx.cleanup())

async function everything(backend: IMemoryBackend): Promise<unknown[]> {
  const page = await backend.listSessionsPage({ limit: 1000 })
  const out: unknown[] = []
  for (const metadata of page.sessions) {
    const session = (await backend.getSession(metadata.session_id))!
    out.push({
      metadata: metadata.toDict(),
      messages: (await session.getMessages()).map((m) => m.toDict()),
      summaries: (await session.getSummaryHistory()).map((s) => s.toDict()),
      current: (await session.getSummary())?.summary_id ?? null,
    })
  }
  return out
}

describe('backupData / restoreData', () => {
  it('one versioned JSON document restores the whole store exactly, and restoring twice adds nothing', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [
      { id: 'v1', messages: 5, withSummary: true },
    ])
    const source = await fx.store()
    await migrate([db, fixturePath('03_tool_calls.json')], source)
    const native = await source.createSession(
      new SessionMetadata({ session_id: 'native', user_id: 'zoe', tags: ['x'] }),
    )
    await native.addMessage(new Message({ role: MessageRole.USER, content: 'hello' }))
    await native.createSummary(true)

    const file = join(await fx.dir(), 'backup.json')
    const migrator = new MemoryMigrator()
    expect(await migrator.backupData(source, file)).toBe(true)
    const document = JSON.parse(await readFile(file, 'utf8'))
    expect(document).toMatchObject({
      format: BACKUP_FORMAT,
      format_version: 1,
      session_count: 3,
      backend_type: 'json_file',
    })
    expect(document.sessions).toHaveLength(3)

    const target = await fx.store()
    expect(await migrator.restoreData(target, file)).toBe(true)
    expect(await everything(target)).toEqual(await everything(source))

    const again = await migrator.restore(target, file)
    expect(again).toMatchObject({ sessions_migrated: 0, skipped: 3, success: true })
    // The restored sessions keep their source identities: migrating the originals again adds nothing either.
    expect((await migrate([db, fixturePath('03_tool_calls.json')], target)).sessions_migrated).toBe(0)
  })

  it('restores the good sessions of a damaged backup and reports the rest', async () => {
    const source = await fx.store()
    await migrate([fixturePath('01_plain_conversation.json'), fixturePath('02_system_prompt.json')], source)
    const file = join(await fx.dir(), 'backup.json')
    await new MemoryMigrator().backup(source, file)
    const document = JSON.parse(await readFile(file, 'utf8'))
    document.sessions[0].messages[1].message_id = document.sessions[0].messages[0].message_id
    document.sessions.push({ metadata: { session_id: 'x' } })
    await writeFile(file, JSON.stringify(document))

    const target = await fx.store()
    const report = await new MemoryMigrator().restore(target, file)
    expect(report.sessions_migrated).toBe(1)
    expect(report.sessions[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/unique/) })
    expect(report.errors.map((e) => e.location)).toEqual([expect.stringContaining('#'), '$.sessions[2]'])
    expect(report.errors[1].error).toMatch(/\$\.sessions\[2\]\.metadata\.created_at is required/)
    expect((await target.listSessionsPage()).total).toBe(1)
  })

  it('refuses a backup from a newer program, and a file that is not a backup', async () => {
    const dir = await fx.dir()
    const newer = join(dir, 'newer.json')
    await writeFile(newer, JSON.stringify({ format: BACKUP_FORMAT, format_version: 99, sessions: [] }))
    const store = await fx.store()
    const report = await new MemoryMigrator().restore(store, newer)
    expect(report.errors).toEqual([
      { source: newer, error: 'format_version 99 is newer than this program reads (1)' },
    ])
    const marsys = await new MemoryMigrator().restore(store, fixturePath('01_plain_conversation.json'))
    expect(marsys.errors[0].error).toBe('expected a backup source, found marsys_file')
    expect((await store.listSessionsPage()).total).toBe(0)
  })
})
