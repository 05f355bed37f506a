import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JsonFileBackend } from '../engine/langswarm'
import { migrate } from '../engine/migration'
import { eachRow, openSqliteFile } from '../engine/migration/sqlite/openSqlite'
import { newDatabase, saveDatabase, V2_DDL } from '../engine/migration/testing/specDatabases'
import type { BenchRow } from './types'

const SESSIONS = 1_000
const MESSAGES_PER_SESSION = 100
const TARGET_MS = 10_000
/** Heap growth allowed while migrating: one session at a time, not the whole database as objects. */
const HEAP_TARGET_MB = 256

/**
 * Builds a langswarm V2 SQLite file of 100,000 messages (1,000 sessions) and migrates it into a fresh JSON
 * store. Besides the absolute target, the floor is reading every row of the same file with sql.js (what no
 * migration can avoid), so the ratio shows what mapping and writing cost on this machine.
 */
export async function runMigrationBench(): Promise<BenchRow[]> {
  const root = await mkdtemp(join(tmpdir(), 'migration-bench-'))
  try {
    const db = await buildDatabase(join(root, 'langswarm_memory.db'))

    const floorStart = performance.now()
    const reader = await openSqliteFile(db)
    let rows = 0
    eachRow(reader, 'SELECT * FROM messages ORDER BY session_id, timestamp', [], () => rows++)
    reader.close()
    const floor = performance.now() - floorStart

    const backend = new JsonFileBackend({ path: join(root, 'session-store') })
    global.gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    let heapPeak = heapBefore
    let progressCalls = 0
    const start = performance.now()
    const cpuStart = process.cpuUsage()
    const report = await migrate([db], backend, {
      onProgress: () => {
        progressCalls++
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
      },
    })
    const elapsed = performance.now() - start
    const cpu = process.cpuUsage(cpuStart)
    await backend.disconnect()
    if (report.messages_migrated !== rows || report.errors.length > 0)
      throw new Error(
        `migration bench: ${report.messages_migrated} of ${rows} messages, ${report.errors.length} errors`,
      )
    const heapMb = (heapPeak - heapBefore) / 1024 ** 2
    return [
      { name: 'migration floor: read 100k V2 SQLite rows (sql.js)', value: round(floor), unit: 'ms' },
      {
        name: `migrate 100k messages V2 SQLite → store (${progressCalls} progress calls)`,
        value: round(elapsed),
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        ok: elapsed <= TARGET_MS,
      },
      { name: 'migrate 100k messages / floor', value: round(elapsed / floor), unit: '×' },
      {
        // On a loaded machine the wall time waits for the CPU; this is the work itself.
        name: 'migrate 100k messages: CPU time (user + system)',
        value: round((cpu.user + cpu.system) / 1000),
        unit: 'ms',
      },
      {
        name: 'migrate 100k messages: heap growth at peak',
        value: round(heapMb),
        unit: 'MB',
        target: `≤ ${HEAP_TARGET_MB} MB`,
        ok: heapMb <= HEAP_TARGET_MB,
      },
    ]
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

async function buildDatabase(path: string): Promise<string> {
  const db = await newDatabase(V2_DDL)
  db.exec('BEGIN')
  const session = db.prepare(
    'INSERT INTO sessions (session_id, user_id, status, created_at, updated_at, tags, properties) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const message = db.prepare(
    'INSERT INTO messages (message_id, session_id, role, content, timestamp, token_count, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const base = Date.UTC(2026, 0, 1)
  for (let s = 0; s < SESSIONS; s++) {
    const id = `bench-${String(s).padStart(4, '0')}`
    const start = base + s * 3_600_000
    session.run([
      id,
      `user-${s % 50}`,
      'active',
      iso(start),
      iso(start + MESSAGES_PER_SESSION * 1000),
      '["bench"]',
      '{}',
    ])
    for (let m = 0; m < MESSAGES_PER_SESSION; m++) {
      const user = m % 2 === 0
      message.run([
        `${id}-${m}`,
        id,
        user ? 'user' : 'assistant',
        user
          ? `Question ${m} about the deployment: which services restarted and why did the pool shrink?`
          : `Answer ${m}: billing-api restarted four times after the pool size dropped from 50 to 20.`,
        iso(start + m * 1000, m),
        user ? null : 24,
        m % 10 === 0 ? '{"channel": "web"}' : null,
      ])
    }
  }
  session.free()
  message.free()
  db.exec('COMMIT')
  return saveDatabase(db, path)
}

const iso = (ms: number, micros = 0): string =>
  `${new Date(ms).toISOString().slice(0, 23)}${String(micros % 1000).padStart(3, '0')}+00:00`

const round = (n: number): number => Math.round(n * 100) / 100
