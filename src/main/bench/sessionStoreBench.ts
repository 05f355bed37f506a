import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  Message,
  MessageRole,
  SessionStatus,
  UtcDateTime,
  wordCountEstimator,
} from '../../shared/model/langswarm'
import { DEFAULT_INDEX_SHARDS, JsonFileBackend, STORE_FORMAT, STORE_VERSION } from '../engine/langswarm'
import { shardFileName, shardOf } from '../engine/langswarm/storeLayout'
import type { BenchRow } from './types'

const SESSIONS = 10_000
const MESSAGES_PER_SESSION = 100
const RUNS = 15
const TARGET_MS = 50
const WRITE_CONCURRENCY = 32

const CONTENTS = [
  'Can you summarise the deployment logs from last night and tell me which services restarted more than twice?',
  'Three services restarted repeatedly: billing-api (4 times), search-indexer (3 times) and the notification worker.',
  'What changed in billing-api between the last two releases? Focus on configuration, not code formatting.',
  'The connection pool size dropped from 50 to 20 and the retry budget was removed, which explains the restarts.',
  'Please draft a rollback plan that restores the pool size without reverting the schema migration.',
]

/**
 * Builds a store of 10,000 sessions and 1,000,000 messages in a temp dir, writing the files directly in the store's
 * format, then opens it through the real JsonFileBackend and times listing a page, opening a session and appending
 * a message (medians over several runs).
 */
export async function runSessionStoreBench(): Promise<BenchRow[]> {
  const root = await mkdtemp(join(tmpdir(), 'langswarm-bench-'))
  const path = join(root, 'store')
  const rows: BenchRow[] = []
  try {
    const buildStart = performance.now()
    const ids = await buildBenchStore(path)
    rows.push({
      name: 'langswarm store build (10k sessions, 1M messages)',
      value: round(performance.now() - buildStart),
      unit: 'ms',
    })

    const backend = new JsonFileBackend({ path })
    let openStart = performance.now()
    await backend.connect()
    rows.push({
      name: 'langswarm store open, first (read 10k-entry index)',
      value: round(performance.now() - openStart),
      unit: 'ms',
    })
    await backend.disconnect()
    openStart = performance.now()
    await backend.connect()
    rows.push({
      name: 'langswarm store open, again',
      value: round(performance.now() - openStart),
      unit: 'ms',
    })

    const listStart = performance.now()
    await backend.listSessionsPage({ limit: 50 })
    rows.push(timed('langswarm list first page (cold sort)', performance.now() - listStart))
    rows.push(
      timed(
        'langswarm list page of 50 sessions',
        await median(async (run) => {
          await backend.listSessionsPage({ limit: 50, offset: run * 50 })
        }),
      ),
    )
    rows.push(
      timed(
        'langswarm list page filtered by user',
        await median(async (run) => {
          await backend.listSessionsPage({
            userId: `user-${run % 50}`,
            status: SessionStatus.ACTIVE,
            limit: 50,
          })
        }),
      ),
    )

    rows.push(
      timed(
        'langswarm open one session (100 messages)',
        await median(async (run) => {
          const session = await backend.getSession(ids[1000 + run])
          if (session?.messageCount !== MESSAGES_PER_SESSION) throw new Error('bench store is inconsistent')
        }),
      ),
    )

    const sessions = await Promise.all(ids.slice(2000, 2000 + RUNS).map((id) => backend.getSession(id)))
    rows.push(
      timed(
        'langswarm append one message (durable)',
        await median(async (run) => {
          await sessions[run]!.addMessage(
            new Message({ role: MessageRole.USER, content: CONTENTS[run % CONTENTS.length] }),
          )
        }),
      ),
    )
    rows.push(
      timed(
        'langswarm list page right after a change (re-sort)',
        await median(async (run) => {
          await sessions[run]!.updateMetadata({ tags: [`bench-${run}`] })
          const start = performance.now()
          await backend.listSessionsPage({ limit: 50 })
          return performance.now() - start
        }),
      ),
    )
    await backend.disconnect()
  } finally {
    await rm(root, { recursive: true, force: true })
  }
  return rows
}

/** A bench message's fields beyond timestamp and id, for session `session` (0-based) and message `m`. */
export type BenchMessageMaker = (
  session: number,
  m: number,
) => { role: string; content: string } & Record<string, unknown>

const defaultMessage: BenchMessageMaker = (session, m) => ({
  role: m % 2 === 0 ? 'user' : 'assistant',
  content: CONTENTS[(session + m) % CONTENTS.length],
})

/** Writes a 10k-session, 1M-message store at `path` directly in the store format; returns the session ids. */
export async function buildBenchStore(path: string, makeMessage = defaultMessage): Promise<string[]> {
  await mkdir(join(path, 'index'), { recursive: true })
  await mkdir(join(path, 'sessions'), { recursive: true })
  const start = UtcDateTime.parse('2026-01-01T00:00:00+00:00')
  await writeFile(
    join(path, 'store.json'),
    JSON.stringify({
      format: STORE_FORMAT,
      version: STORE_VERSION,
      index_shards: DEFAULT_INDEX_SHARDS,
      created_at: start.toIsoString(),
      last_cleanup: null,
    }),
  )
  const shards: string[][] = Array.from({ length: DEFAULT_INDEX_SHARDS }, () => [])
  const ids = Array.from(
    { length: SESSIONS },
    (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  )

  for (let batch = 0; batch < SESSIONS; batch += WRITE_CONCURRENCY) {
    await Promise.all(
      ids.slice(batch, batch + WRITE_CONCURRENCY).map(async (id, offset) => {
        const index = batch + offset
        const created = start.plusMilliseconds(index * 60_000)
        const messages: string[] = []
        let tokens = 0
        for (let m = 0; m < MESSAGES_PER_SESSION; m += 1) {
          const message = makeMessage(index, m)
          tokens += wordCountEstimator.count(message.content)
          messages.push(
            JSON.stringify({
              ...message,
              timestamp: created.plusMilliseconds(m * 1000 + 0.123).toIsoString(),
              message_id: `${id.slice(0, 24)}${String(m).padStart(12, '0')}`,
            }),
          )
        }
        await writeFile(
          join(path, 'sessions', `${id}.json`),
          `{"session_id":"${id}","messages":[${messages.join(',')}],"summaries":[],"current_summary_id":null}`,
        )
        const updated = created.plusMilliseconds(MESSAGES_PER_SESSION * 1000)
        const metadata = {
          session_id: id,
          user_id: `user-${index % 50}`,
          agent_id: `agent-${index % 7}`,
          workflow_id: null,
          max_messages: 1000,
          max_tokens: null,
          auto_summarize: false,
          summary_threshold: 50,
          status: index % 10 === 0 ? 'archived' : 'active',
          created_at: created.toIsoString(),
          updated_at: updated.toIsoString(),
          expires_at: null,
          tags: ['bench'],
          properties: { source: 'bench' },
        }
        shards[shardOf(id, DEFAULT_INDEX_SHARDS)].push(
          `${JSON.stringify(id)}:${JSON.stringify({
            file: `${id}.json`,
            metadata,
            message_count: MESSAGES_PER_SESSION,
            token_total: tokens,
            token_estimator: wordCountEstimator.id,
          })}`,
        )
      }),
    )
  }
  await Promise.all(
    shards.map((entries, shard) =>
      writeFile(join(path, 'index', shardFileName(shard)), `{"sessions":{${entries.join(',')}}}`),
    ),
  )
  return ids
}

/** Median of RUNS timings; the task may return its own measured duration instead of the whole call's. */
async function median(task: (run: number) => Promise<number | void>): Promise<number> {
  const times: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now()
    const measured = await task(run)
    times.push(typeof measured === 'number' ? measured : performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

const round = (ms: number): number => Math.round(ms * 100) / 100

const timed = (name: string, ms: number): BenchRow => ({
  name,
  value: round(ms),
  unit: 'ms',
  target: `< ${TARGET_MS} ms`,
  ok: ms < TARGET_MS,
})
