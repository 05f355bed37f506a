import {
  SessionMetadata,
  UtcDateTime,
  type IMemoryBackend,
  type ProgressCallback,
} from '../../../shared/model/langswarm'
import { SessionStoreBackend } from '../langswarm'
import { describeSourceError, detectSources } from './detect'
import { migratedFrom, type MigratedFrom } from './identity'
import { addEntries, type MigrationReport, type SessionResult } from './migrationReport'
import type { MigrationSource, ReadOptions, SourceKind, SourceSession } from './types'
import { TimeSlice } from './timeSlice'
import { isIncompleteMigration, writeSession } from './writeSession'

export interface MigrateOptions extends ReadOptions {
  /** Read and report everything, write nothing. */
  dryRun?: boolean
  /** `(current, total, status)` in messages read, after each session. */
  onProgress?: ProgressCallback
  /** Stops between sessions; the report says what was done and which sources were not finished. */
  signal?: AbortSignal
  /** A source session whose id the target already uses for another session: skip it (default) or give it a new id. */
  onConflict?: 'skip' | 'rename'
  /** Read only sources of this kind (a MARSYS folder counts as `marsys_file`); others are reported, not read. */
  expectKind?: SourceKind
}

const PAGE = 1000
/** Sessions written at once, and the messages they may hold together (what waits in memory). */
const MAX_WRITING_SESSIONS = 32
const MAX_WRITING_MESSAGES = 50_000

/**
 * Reads every source (detected from content) and writes each session to `backend`, one session per atomic
 * write. A session whose source identity is already in the target is skipped, so running twice adds nothing. An
 * error in one source, session or row is reported and the rest goes on; the report lists, per session and field,
 * what is not carried over.
 */
export async function migrate(
  paths: readonly string[],
  backend: IMemoryBackend,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const clock = options.now ?? UtcDateTime.now
  const startedAt = clock()
  const report: MigrationReport = {
    dry_run: options.dryRun === true,
    success: false,
    cancelled: false,
    started_at: startedAt.toIsoString(),
    finished_at: '',
    sources: [],
    sessions_migrated: 0,
    messages_migrated: 0,
    skipped: 0,
    sessions: [],
    losses: [],
    notes: [],
    errors: [],
  }
  const detected = await detectSources(paths, options)
  report.errors.push(...detected.issues)
  try {
    let total = 0
    const counted: { source: MigrationSource; index: number }[] = []
    for (const source of detected.sources) {
      if (!kindAccepted(source.kind, options.expectKind)) {
        report.errors.push({
          source: source.path,
          error: `expected a ${options.expectKind} source, found ${source.kind}`,
        })
        continue
      }
      try {
        const count = await source.count()
        total += count.messages
        counted.push({ source, index: report.sources.length })
        report.sources.push({ path: source.path, kind: source.kind, ...count, finished: false })
      } catch (error) {
        report.errors.push({ source: source.path, error: describeSourceError(error) })
      }
    }
    options.onProgress?.(0, total, 'starting')
    const target = await TargetIndex.load(backend)
    const writes = new WriteWindow(MAX_WRITING_SESSIONS, MAX_WRITING_MESSAGES)
    const slice = new TimeSlice()
    let current = 0
    for (const { source, index } of counted) {
      if (options.signal?.aborted) break
      try {
        for await (const item of source.items()) {
          if (item.type === 'error') {
            report.errors.push(item.issue)
            if (item.lost) addEntries(report.losses, item.lost.session_id, [item.lost])
            continue
          }
          const write = await planSession(item.session, source, backend, target, report, options, clock)
          if (write !== null) await writes.add(write, item.session.messages.length)
          current += item.session.messages.length
          total = Math.max(total, current)
          options.onProgress?.(current, total, `${source.path}: ${item.session.metadata.session_id}`)
          await slice.pause()
          if (options.signal?.aborted) break
        }
        report.sources[index].finished = !options.signal?.aborted
      } catch (error) {
        report.errors.push({ source: source.path, error: describeSourceError(error) })
      }
    }
    await writes.drain()
    report.cancelled = options.signal?.aborted === true
  } finally {
    for (const source of detected.sources) source.close()
  }
  report.finished_at = clock().toIsoString()
  report.success = report.errors.length === 0 && !report.cancelled
  return report
}

/**
 * Decides what happens to one session and records it in the report; returns the write to run, if any. The id
 * and source identity are reserved at once, so a duplicate later in the same run is caught before its write.
 */
async function planSession(
  session: SourceSession,
  source: MigrationSource,
  backend: IMemoryBackend,
  target: TargetIndex,
  report: MigrationReport,
  options: MigrateOptions,
  clock: () => UtcDateTime,
): Promise<(() => Promise<void>) | null> {
  const sourceId = session.metadata.session_id
  const result: SessionResult = {
    session_id: sourceId,
    source: session.location,
    outcome: report.dry_run ? 'would_migrate' : 'migrated',
    messages: session.messages.length,
  }
  report.sessions.push(result)
  const present = await target.findSource(backend, session)
  if (present !== undefined) {
    result.outcome = 'already_present'
    result.session_id = present
    result.reason = 'its source is already in the store (migrated or restored before)'
    report.skipped++
    return null
  }
  let toWrite = session
  if (target.hasId(sourceId)) {
    if (options.onConflict !== 'rename') {
      result.outcome = 'conflict'
      result.reason = 'the store already has a different session with this id'
      report.skipped++
      return null
    }
    const renamed = SessionMetadata.fromDict({
      ...session.metadata.toDict(),
      session_id: target.freeId(sourceId),
    })
    toWrite = { ...session, metadata: renamed }
    result.session_id = renamed.session_id
    result.source_session_id = sourceId
  }
  const id = toWrite.metadata.session_id
  addEntries(report.losses, id, toWrite.losses)
  addEntries(report.notes, id, toWrite.notes)
  if (!(backend instanceof SessionStoreBackend) && toWrite.summaries.length > 0)
    addEntries(report.losses, id, [
      {
        field: 'summaries',
        count: toWrite.summaries.length,
        reason: 'this target backend cannot import summaries',
      },
    ])
  const record: MigratedFrom | null = toWrite.keepProperties
    ? null
    : {
        source_key: toWrite.sourceKey,
        source_kind: source.kind,
        source_path: toWrite.location,
        migrated_at: clock().toIsoString(),
      }
  target.add(id, toWrite.sourceKey)
  const done = (): void => {
    report.sessions_migrated++
    report.messages_migrated += toWrite.messages.length
  }
  if (report.dry_run) {
    done()
    return null
  }
  return async () => {
    try {
      await target.clearIncomplete(backend, id)
      await writeSession(backend, toWrite, record)
      done()
    } catch (error) {
      target.remove(id, toWrite.sourceKey)
      result.outcome = 'failed'
      result.reason = messageOf(error)
      report.errors.push({
        source: source.path,
        location: toWrite.location,
        session_id: id,
        error: messageOf(error),
      })
    }
  }
}

/**
 * Runs writes concurrently — each one waits mostly on fsync, and the store serialises and coalesces its index
 * writes — up to a number of sessions and of messages held in memory at once.
 */
class WriteWindow {
  private readonly running = new Map<Promise<void>, number>()
  private messages = 0

  constructor(
    private readonly maxSessions: number,
    private readonly maxMessages: number,
  ) {}

  async add(write: () => Promise<void>, messages: number): Promise<void> {
    while (
      this.running.size > 0 &&
      (this.running.size >= this.maxSessions || this.messages + messages > this.maxMessages)
    )
      await Promise.race(this.running.keys())
    this.messages += messages
    const task: Promise<void> = write().finally(() => {
      this.messages -= messages
      this.running.delete(task)
    })
    this.running.set(task, messages)
  }

  async drain(): Promise<void> {
    await Promise.all(this.running.keys())
  }
}

/** The target's session ids and the source identities they were migrated from. */
class TargetIndex {
  private readonly ids = new Set<string>()
  private readonly keys = new Map<string, string>()
  private readonly incomplete = new Set<string>()
  private readonly createdAt = new Map<string, string>()

  static async load(backend: IMemoryBackend): Promise<TargetIndex> {
    const index = new TargetIndex()
    const { total } = await backend.listSessionsPage({ limit: 0 })
    for (let offset = 0; offset < total; offset += PAGE) {
      const page = await backend.listSessionsPage({ limit: PAGE, offset })
      for (const metadata of page.sessions) {
        if (isIncompleteMigration(metadata.properties)) index.incomplete.add(metadata.session_id)
        else {
          index.add(
            metadata.session_id,
            migratedFrom(metadata)?.source_key ?? `session:${metadata.session_id}`,
          )
          index.createdAt.set(metadata.session_id, metadata.created_at.toIsoString())
        }
      }
    }
    return index
  }

  add(id: string, key: string): void {
    this.ids.add(id)
    this.keys.set(key, id)
  }

  remove(id: string, key: string): void {
    this.ids.delete(id)
    if (this.keys.get(key) === id) this.keys.delete(key)
  }

  hasId(id: string): boolean {
    return this.ids.has(id)
  }

  /**
   * The target session this source session was migrated to, if any: by its key, or by the coarser key an
   * earlier version recorded when that session is the same one (same creation time, or same first message).
   */
  async findSource(backend: IMemoryBackend, session: SourceSession): Promise<string | undefined> {
    const present = this.keys.get(session.sourceKey)
    if (present !== undefined || session.legacySourceKey === undefined) return present
    const legacy = this.keys.get(session.legacySourceKey)
    if (legacy === undefined || !(await this.isSame(backend, legacy, session))) return undefined
    this.keys.set(session.sourceKey, legacy)
    return legacy
  }

  private async isSame(backend: IMemoryBackend, id: string, session: SourceSession): Promise<boolean> {
    if (this.createdAt.get(id) === session.metadata.created_at.toIsoString()) return true
    const first = session.messages[0]
    if (first === undefined) return false
    const stored = await backend.getSession(id)
    const page = await stored?.getMessagesPage({ limit: 1, includeSystem: true })
    const storedFirst = page?.messages[0]
    return storedFirst?.message_id === first.message_id && storedFirst.content === first.content
  }

  freeId(id: string): string {
    for (let n = 2; ; n++) {
      const candidate = `${id}-${n}`
      if (!this.ids.has(candidate) && !this.incomplete.has(candidate)) return candidate
    }
  }

  /** A session a crashed generic-backend run left half-filled is deleted before it is written again. */
  async clearIncomplete(backend: IMemoryBackend, id: string): Promise<void> {
    if (!this.incomplete.delete(id)) return
    await backend.deleteSession(id)
  }
}

const kindAccepted = (kind: SourceKind, expected: SourceKind | undefined): boolean =>
  expected === undefined || kind === expected || (expected === 'marsys_file' && kind === 'marsys_folder')

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
