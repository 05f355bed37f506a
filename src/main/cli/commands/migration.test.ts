import { copyFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildV2Database } from '../../engine/migration/testing/specDatabases'
import { tempDirs } from '../../engine/testing/tempDir'
import { fixturePath } from '../../engine/testing/fixtures'
import { main } from '../main'
import { captureIo } from '../testing/testIo'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

async function setup() {
  const cwd = await dirs.make('cli-migrate-')
  await copyFile(fixturePath('03_tool_calls.json'), join(cwd, 'tools.json'))
  await buildV2Database(join(cwd, 'langswarm.db'), [{ id: 'v2-a', messages: 4, withSummary: true }])
  return { cwd, io: captureIo(cwd) }
}

describe('migrate', () => {
  it('--json prints the report: sources with kinds, counts, skipped, losses, errors', async () => {
    const { cwd, io } = await setup()
    expect(await main(['migrate', 'tools.json', 'langswarm.db', '--data-dir', 'data', '--json'], io)).toBe(0)
    const report = JSON.parse(io.out)
    expect(report).toMatchObject({
      sources: [
        { path: join(cwd, 'tools.json'), kind: 'marsys_file' },
        { path: join(cwd, 'langswarm.db'), kind: 'langswarm_v2_sqlite' },
      ],
      sessions_migrated: 2,
      messages_migrated: 15,
      skipped: 0,
      losses: [],
      errors: [],
    })
    const again = captureIo(cwd)
    expect(await main(['migrate', 'tools.json', 'langswarm.db', '--data-dir', 'data', '--json'], again)).toBe(
      0,
    )
    expect(JSON.parse(again.out)).toMatchObject({ sessions_migrated: 0, skipped: 2 })
  })

  it('--dry-run writes nothing; a bad source makes exit 1 and is named', async () => {
    const { io } = await setup()
    expect(await main(['migrate', 'tools.json', 'nope.db', '--data-dir', 'data', '--dry-run'], io)).toBe(1)
    expect(io.out).toMatch(/would migrate 1 session\(s\), 11 message\(s\); skipped 0/)
    expect(io.out).toMatch(/error: .*nope\.db: no such file or folder/)
    const check = captureIo(io.cwd)
    expect(await main(['migrate', 'tools.json', '--data-dir', 'data', '--json'], check)).toBe(0)
    expect(JSON.parse(check.out).sessions_migrated).toBe(1)
  })

  it("--rename-conflicts imports another database's session with the same id as <id>-2", async () => {
    const { cwd } = await setup()
    await buildV2Database(join(cwd, 'one.db'), [{ id: 's1', messages: 2 }])
    await buildV2Database(join(cwd, 'two.db'), [{ id: 's1', messages: 3, start: Date.UTC(2026, 2, 1) }])
    const run = async (...argv: string[]) => {
      const io = captureIo(cwd)
      await main(['migrate', ...argv, '--data-dir', 'data', '--rename-conflicts', '--json'], io)
      return JSON.parse(io.out).sessions.map((s: { session_id: string; outcome: string }) => [
        s.session_id,
        s.outcome,
      ])
    }
    expect(await run('one.db')).toEqual([['s1', 'migrated']])
    expect(await run('two.db')).toEqual([['s1-2', 'migrated']])
    expect(await run('one.db', 'two.db')).toEqual([
      ['s1', 'already_present'],
      ['s1-2', 'already_present'],
    ])
  })

  it('needs a SOURCE (usage error, exit 2)', async () => {
    const { io } = await setup()
    expect(await main(['migrate', '--data-dir', 'data'], io)).toBe(2)
    expect(io.err).toMatch(/^memory-inspector: migrate: missing SOURCE/)
  })
})

describe('export', () => {
  it('exports a file or a store session in each format, listing losses on stderr', async () => {
    const { cwd, io } = await setup()
    expect(await main(['export', 'tools.json', '--format', 'anthropic'], io)).toBe(0)
    expect(JSON.parse(io.out)).toMatchObject({ system: 'You are an agent with tools.' })
    expect(io.err).toMatch(/not exported: timestamp ×11/)

    await main(['migrate', 'langswarm.db', '--data-dir', 'data'], captureIo(cwd))
    const fromStore = captureIo(cwd)
    expect(
      await main(
        ['export', '--data-dir', 'data', '--session', 'v2-a', '--format', 'marsys', '-o', 'out.json'],
        fromStore,
      ),
    ).toBe(0)
    const written = await readFile(join(cwd, 'out.json'), 'utf8')
    expect(JSON.parse(written)).toMatchObject({ memory_type: 'conversation_history' })
    expect(fromStore.err).toMatch(/not exported: summaries ×1/)
    expect(fromStore.err).toMatch(/wrote 4 message\(s\) of session v2-a to out\.json/)

    for (const format of ['openai', 'jsonl', 'markdown']) {
      const out = captureIo(cwd)
      expect(await main(['export', 'langswarm.db', '--format', format], out), format).toBe(0)
      expect(out.out.length).toBeGreaterThan(0)
    }
  })

  it('says clearly what is wrong', async () => {
    const { io } = await setup()
    expect(await main(['export', 'tools.json', '--format', 'yaml'], io)).toBe(2)
    expect(io.err).toMatch(/--format must be one of marsys, openai, anthropic, jsonl, markdown/)
    const missing = captureIo(io.cwd)
    expect(
      await main(['export', '--data-dir', 'data', '--session', 'ghost', '--format', 'jsonl'], missing),
    ).toBe(1)
    expect(missing.err).toMatch(/session-store: no session "ghost"\n$/)
  })
})

describe('export --memory-type, --dry-run, --json', () => {
  it('--memory-type takes conversation_history or managed_conversation only (usage error, exit 2)', async () => {
    const { cwd, io } = await setup()
    expect(
      await main(
        ['export', 'tools.json', '--format', 'marsys', '--memory-type', 'bogus', '-o', 'm.json'],
        io,
      ),
    ).toBe(2)
    expect(io.err).toMatch(
      /^memory-inspector: export: --memory-type must be one of conversation_history, managed_conversation\n/,
    )
    await expect(readFile(join(cwd, 'm.json'))).rejects.toThrow(/ENOENT/)
    const managed = captureIo(cwd)
    expect(
      await main(
        ['export', 'langswarm.db', '--format', 'marsys', '--memory-type', 'managed_conversation'],
        managed,
      ),
    ).toBe(0)
    expect(JSON.parse(managed.out).memory_type).toBe('managed_conversation')
  })

  it('--dry-run lists the losses and writes nothing', async () => {
    const { cwd, io } = await setup()
    expect(
      await main(['export', 'langswarm.db', '--format', 'openai', '--dry-run', '-o', 'o.json'], io),
    ).toBe(0)
    expect(io.out).toBe('')
    expect(io.err).toMatch(/not exported: summaries ×1: /)
    expect(io.err).toMatch(/would export 4 message\(s\) of session v2-a to o\.json; nothing written\n$/)
    await expect(readFile(join(cwd, 'o.json'))).rejects.toThrow(/ENOENT/)
  })

  it('--json prints {format, losses, written}', async () => {
    const { cwd, io } = await setup()
    expect(await main(['export', 'langswarm.db', '--format', 'anthropic', '--dry-run', '--json'], io)).toBe(0)
    const dry = JSON.parse(io.out)
    expect(dry).toMatchObject({ format: 'anthropic', written: null })
    expect(dry.losses).toContainEqual({
      session_id: 'v2-a',
      field: 'summaries',
      count: 1,
      reason: 'an Anthropic request has no summaries',
    })
    expect(io.err).toBe('')

    const wrote = captureIo(cwd)
    expect(
      await main(['export', 'langswarm.db', '--format', 'jsonl', '--json', '-o', 'a.jsonl'], wrote),
    ).toBe(0)
    expect(JSON.parse(wrote.out)).toMatchObject({ format: 'jsonl', written: join(cwd, 'a.jsonl') })
    expect((await readFile(join(cwd, 'a.jsonl'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(4)

    const noTarget = captureIo(cwd)
    expect(await main(['export', 'langswarm.db', '--format', 'jsonl', '--json'], noTarget)).toBe(2)
    expect(noTarget.err).toMatch(/--json prints the report on stdout: give -o OUT, or --dry-run/)
  })
})

describe('backup and restore', () => {
  it('backs up a store and restores it into another', async () => {
    const { cwd, io } = await setup()
    await main(['migrate', 'tools.json', 'langswarm.db', '--data-dir', 'data'], captureIo(cwd))
    expect(await main(['backup', '--data-dir', 'data', '-o', 'store-backup.json'], io)).toBe(0)
    expect(io.out).toBe('backed up 2 session(s), 15 message(s) to store-backup.json\n')
    const restore = captureIo(cwd)
    expect(await main(['restore', 'store-backup.json', '--data-dir', 'other', '--json'], restore)).toBe(0)
    expect(JSON.parse(restore.out)).toMatchObject({
      sessions_migrated: 2,
      messages_migrated: 15,
      success: true,
    })
    const usage = captureIo(cwd)
    expect(await main(['backup', '--data-dir', 'data'], usage)).toBe(2)
    expect(usage.err).toMatch(/backup: missing -o FILE/)
  })
})
