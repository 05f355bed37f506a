import { mkdir, readdir, stat, unlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Low } from 'lowdb'
import {
  BackendError,
  JSON_FILE_BACKEND,
  LangswarmMemoryError,
  SessionExistsError,
  SessionNotFoundError,
  StoreLockedError,
  UtcDateTime,
  ValidationError,
  type Message,
  type StoreDamage,
} from '../../../shared/model/langswarm'
import { type SessionChange, type SessionState } from './memorySession'
import { isTempFileName, removeTempFiles } from './atomicFile'
import { AtomicJsonAdapter } from './atomicJsonAdapter'
import {
  manifestCodec,
  emptySessionFile,
  newManifest,
  sessionFileCodec,
  shardCodec,
  UnsupportedStoreVersionError,
  type Manifest,
  type SessionFileData,
  type ShardData,
  type ShardRecord,
} from './storeCodecs'
import {
  missingSessionFile,
  orphanedSessionFile,
  readIndex,
  sessionFileNames,
  shardNumbersIn,
} from './storeScan'
import {
  DEFAULT_INDEX_SHARDS,
  sessionFileName,
  shardFileName,
  shardOf,
  storePaths,
  type StorePaths,
} from './storeLayout'
import { acquireStoreLock, lockStillHeld, releaseStoreLock, type HeldLock } from './storeLock'
import type { IndexEntry, SessionRepository, SessionStats } from './sessionRepository'

export interface JsonFileRepositoryOptions {
  /** The store folder; created if missing. */
  path: string
  /** Index shard count for a new store (an existing store keeps its own). */
  indexShards?: number
}

interface LocatedRecord {
  shard: number
  record: ShardRecord
}

interface SessionFile {
  db: Low<SessionFileData>
  adapter: AtomicJsonAdapter<SessionFileData>
}

/** Names a store folder may contain before it has a manifest (an interrupted creation). */
const PRE_MANIFEST_NAMES = new Set(['store.lock', 'index', 'sessions'])

/** The lowdb-backed store; layout in storeLayout.ts. */
export class JsonFileRepository implements SessionRepository {
  readonly kind = JSON_FILE_BACKEND
  private readonly paths: StorePaths
  private readonly newStoreShards: number
  private lock: HeldLock | null = null
  private manifest: Low<Manifest> | null = null
  private manifestAdapter: AtomicJsonAdapter<Manifest> | null = null
  private shards: { db: Low<ShardData>; adapter: AtomicJsonAdapter<ShardData> }[] = []
  private readonly records = new Map<string, LocatedRecord>()
  /** File names in use, including those of removed sessions whose file is still being deleted. */
  private readonly usedFiles = new Set<string>()
  private readonly sessionFiles = new Map<string, SessionFile>()
  /** Session files being created right now: not yet on disk, and not missing either. */
  private readonly creating = new Set<string>()
  /** Damage to the manifest or index found at open: while there is any, nothing is written. */
  private indexDamage: StoreDamage[] = []
  /** Session files that failed to load, by file name (cleared when one loads or is rewritten). */
  private readonly unreadable = new Map<string, StoreDamage>()
  private changeCount = 0

  constructor(options: JsonFileRepositoryOptions) {
    this.paths = storePaths(resolve(options.path))
    this.newStoreShards = options.indexShards ?? DEFAULT_INDEX_SHARDS
    if (!Number.isInteger(this.newStoreShards) || this.newStoreShards < 1 || this.newStoreShards > 4096) {
      throw new ValidationError('indexShards must be an integer between 1 and 4096')
    }
  }

  get root(): string {
    return this.paths.root
  }

  get size(): number {
    return this.records.size
  }

  get version(): number {
    return this.changeCount
  }

  /** Damaged or inconsistent files: what open found in the index, and a fresh look at the session files. */
  async damage(): Promise<StoreDamage[]> {
    if (this.lock === null) return []
    const onDisk = new Set(await sessionFileNames(this.paths.sessionsDir))
    const found: StoreDamage[] = [...this.indexDamage]
    for (const [id, { record }] of this.records) {
      if (onDisk.has(record.file) || this.creating.has(record.file)) continue
      const file = join(this.paths.sessionsDir, record.file)
      found.push(missingSessionFile(file, id, record.entry.stats.messageCount))
    }
    for (const name of onDisk) {
      if (!this.usedFiles.has(name)) found.push(orphanedSessionFile(join(this.paths.sessionsDir, name)))
    }
    return [...found, ...this.unreadable.values()]
  }

  async open(): Promise<void> {
    await this.io('open', this.paths.root, () => mkdir(this.paths.root, { recursive: true }))
    const attempt = await this.io('lock', this.paths.lock, () => acquireStoreLock(this.paths.lock))
    if (!attempt.acquired) {
      const owner = attempt.owner
      throw new StoreLockedError(
        this.paths.root,
        owner?.pid ?? null,
        owner?.hostname ?? null,
        this.paths.lock,
      )
    }
    this.lock = attempt.lock
    this.indexDamage = []
    try {
      await this.openManifest((await shardNumbersIn(this.paths.indexDir)).length > 0)
      await mkdir(this.paths.indexDir, { recursive: true })
      await mkdir(this.paths.sessionsDir, { recursive: true })
      await Promise.all([this.paths.root, this.paths.indexDir, this.paths.sessionsDir].map(removeTempFiles))
      await this.loadIndex()
    } catch (error) {
      await this.releaseAll()
      throw this.wrap('open', error, this.paths.root)
    }
  }

  async close(): Promise<void> {
    await this.releaseAll()
  }

  *entries(): Iterable<IndexEntry> {
    for (const { record } of this.records.values()) yield record.entry
  }

  entry(sessionId: string): IndexEntry | undefined {
    return this.records.get(sessionId)?.record.entry
  }

  async insert(state: SessionState, stats: SessionStats): Promise<void> {
    const id = state.metadata.session_id
    if (this.records.has(id)) throw new SessionExistsError(id)
    const file = sessionFileName(id, (name) => this.usedFiles.has(name))
    const located: LocatedRecord = {
      shard: shardOf(id, this.shards.length),
      record: { file, entry: { metadata: state.metadata.clone(), stats } },
    }
    this.assertWritable('create_session')
    this.usedFiles.add(file)
    this.setRecord(id, located)
    const sessionFile = this.sessionFile(id, file)
    sessionFile.db.data = fileData(state)
    this.creating.add(file)
    try {
      await Promise.all([sessionFile.db.write(), this.shards[located.shard].db.write()])
    } catch (error) {
      if (this.records.get(id) === located) {
        this.deleteRecord(id, located)
        await this.shards[located.shard].db.write().catch(() => undefined)
        await this.discardSessionFile(file)
      }
      throw this.wrap('create_session', error, sessionFile.adapter.path)
    } finally {
      this.creating.delete(file)
    }
  }

  async load(sessionId: string): Promise<SessionState> {
    const located = this.records.get(sessionId)
    if (located === undefined) throw new SessionNotFoundError(sessionId)
    const file = located.record.file
    const { db, adapter } = this.sessionFile(sessionId, file)
    let data: SessionFileData
    try {
      const read = await adapter.read()
      if (read === null && !this.creating.has(file)) {
        throw new BackendError(
          this.kind,
          'get_session',
          `the session file ${adapter.path} is missing (the index counts ` +
            `${located.record.entry.stats.messageCount} messages); repair the store to bring it back into order`,
          { file: adapter.path },
        )
      }
      if (read !== null) db.data = read
      data = read ?? emptySessionFile(sessionId)
    } catch (error) {
      const wrapped = this.wrap('get_session', error, adapter.path)
      if (error instanceof ValidationError) {
        this.unreadable.set(file, {
          kind: 'unreadable_session_file',
          file: adapter.path,
          problem: error.message,
          session_id: sessionId,
        })
      }
      throw wrapped
    }
    this.unreadable.delete(file)
    if (data.session_id !== sessionId) {
      throw new BackendError(
        this.kind,
        'get_session',
        `file belongs to session ${JSON.stringify(data.session_id)}`,
        {
          file: adapter.path,
        },
      )
    }
    return {
      metadata: located.record.entry.metadata.clone(),
      messages: [...data.messages],
      summaries: [...data.summaries],
      currentSummaryId: data.current_summary_id,
    }
  }

  async peek(sessionId: string): Promise<readonly Message[] | null> {
    const located = this.records.get(sessionId)
    if (located === undefined) return null
    const file = join(this.paths.sessionsDir, located.record.file)
    // A fresh adapter: the file's contents are not kept in `sessionFiles` (the store may hold a million messages).
    const data = await this.io('get_session', file, () =>
      new AtomicJsonAdapter(file, sessionFileCodec).read(),
    )
    return data?.messages ?? (this.creating.has(located.record.file) ? [] : null)
  }

  async save(
    sessionId: string,
    state: Readonly<SessionState>,
    change: SessionChange,
    stats: SessionStats,
  ): Promise<void> {
    const located = this.records.get(sessionId)
    if (located === undefined) throw new SessionNotFoundError(sessionId)
    this.assertWritable('save_session')
    const writes: Promise<void>[] = []
    let file = this.paths.root
    if (change.messages === true || change.summaries === true) {
      const sessionFile = this.sessionFile(sessionId, located.record.file)
      sessionFile.db.data = fileData(state)
      file = sessionFile.adapter.path
      writes.push(sessionFile.db.write())
    }
    let replaced: { previous: LocatedRecord; next: LocatedRecord } | null = null
    if (change.metadata === true || change.messages === true) {
      const next: LocatedRecord = {
        shard: located.shard,
        record: { file: located.record.file, entry: { metadata: state.metadata.clone(), stats } },
      }
      replaced = { previous: located, next }
      this.setRecord(sessionId, next)
      writes.push(this.shards[located.shard].db.write())
    }
    try {
      await Promise.all(writes)
    } catch (error) {
      if (replaced !== null && this.records.get(sessionId) === replaced.next)
        this.setRecord(sessionId, replaced.previous)
      throw this.wrap('save_session', error, file)
    }
  }

  async saveStats(sessionId: string, stats: SessionStats): Promise<void> {
    const located = this.records.get(sessionId)
    if (located === undefined) throw new SessionNotFoundError(sessionId)
    this.setRecord(sessionId, {
      shard: located.shard,
      record: { ...located.record, entry: { ...located.record.entry, stats } },
    })
    if (this.indexDamage.length > 0) return // a recount need not be durable; a damaged index is not rewritten
    await this.io('save_stats', this.shardPath(located.shard), () => this.shards[located.shard].db.write())
  }

  async remove(sessionId: string): Promise<boolean> {
    const located = this.records.get(sessionId)
    if (located === undefined) return false
    this.assertWritable('delete_session')
    this.deleteRecord(sessionId, located)
    try {
      await this.shards[located.shard].db.write()
    } catch (error) {
      if (!this.records.has(sessionId)) this.setRecord(sessionId, located)
      throw this.wrap('delete_session', error, this.shardPath(located.shard))
    }
    await this.discardSessionFile(located.record.file)
    return true
  }

  async storageSizeBytes(): Promise<number> {
    const sizes = await Promise.all(
      [this.paths.root, this.paths.indexDir, this.paths.sessionsDir].map((dir) => directoryFileBytes(dir)),
    )
    return sizes.reduce((sum, size) => sum + size, 0)
  }

  lastCleanup(): UtcDateTime | null {
    const value = this.manifest?.data.last_cleanup ?? null
    return value === null ? null : UtcDateTime.tryParse(value)
  }

  async recordCleanup(at: UtcDateTime): Promise<void> {
    const manifest = this.manifest
    if (manifest === null || this.indexDamage.length > 0) return
    manifest.data = { ...manifest.data, last_cleanup: at.toIsoString() }
    await this.io('cleanup', this.paths.manifest, () => manifest.write())
  }

  async problem(): Promise<string | null> {
    if (this.lock === null) return 'store is not open'
    if (!(await lockStillHeld(this.lock).catch(() => false))) {
      return `lock file ${this.paths.lock} was removed or taken over by another process`
    }
    return null
  }

  /** Reads the manifest; a malformed or lost one (beside an existing index) is damage, not a failure to open. */
  private async openManifest(hasIndex: boolean): Promise<void> {
    const adapter = new AtomicJsonAdapter(this.paths.manifest, manifestCodec)
    let existing: Manifest | null = null
    try {
      existing = await adapter.read()
      if (existing === null && hasIndex)
        throw new ValidationError('store.json is missing beside an existing index')
    } catch (error) {
      if (!(error instanceof ValidationError) || error instanceof UnsupportedStoreVersionError) {
        throw this.wrap('open', error, this.paths.manifest)
      }
      this.indexDamage.push({ kind: 'manifest', file: this.paths.manifest, problem: error.message })
    }
    const db = new Low<Manifest>(adapter, existing ?? newManifest(this.newStoreShards))
    if (existing === null && this.indexDamage.length === 0) {
      const names = await readdir(this.paths.root)
      const foreign = names.filter(
        (name) => !PRE_MANIFEST_NAMES.has(name) && !isTempFileName(name) && !name.startsWith('store.lock.'),
      )
      if (foreign.length > 0) {
        throw new BackendError(
          this.kind,
          'open',
          `${this.paths.root} is not empty and is not a session store`,
          {
            file: this.paths.root,
          },
        )
      }
      await db.write()
    }
    this.manifest = db
    this.manifestAdapter = adapter
  }

  /**
   * Loads every record that can be read. A damaged shard gives what is intact in it and is reported; its lost
   * sessions show up as orphaned session files, which a repair brings back.
   */
  private async loadIndex(): Promise<void> {
    const manifestLost = this.indexDamage.length > 0
    const index = await this.io('open', this.paths.indexDir, () =>
      readIndex(this.paths.indexDir, manifestLost ? null : this.manifest!.data.index_shards),
    )
    if (manifestLost) this.manifest!.data = { ...this.manifest!.data, index_shards: index.count }
    this.indexDamage.push(...index.damage)
    this.shards = Array.from({ length: index.count }, (_, shard) => {
      const adapter = new AtomicJsonAdapter(this.shardPath(shard), shardCodec)
      return { adapter, db: new Low<ShardData>(adapter, { sessions: new Map() }) }
    })
    for (const [id, { record }] of index.records) {
      // A record found in the wrong shard is placed in its own; the store stays read-only until repaired anyway.
      const shard = shardOf(id, index.count)
      this.shards[shard].db.data.sessions.set(id, record)
      this.records.set(id, { shard, record })
      this.usedFiles.add(record.file)
    }
  }

  /** While the index is damaged every write is refused: rewriting a damaged shard would drop what it still holds. */
  private assertWritable(operation: string): void {
    const first = this.indexDamage[0]
    if (first === undefined) return
    throw new BackendError(
      this.kind,
      operation,
      `the store's index is damaged (${first.file}: ${first.problem}); nothing is written until the store is ` +
        'repaired (memory-inspector store-repair)',
      { file: first.file },
    )
  }

  private setRecord(sessionId: string, located: LocatedRecord): void {
    this.records.set(sessionId, located)
    this.shards[located.shard].db.data.sessions.set(sessionId, located.record)
    this.changeCount += 1
  }

  private deleteRecord(sessionId: string, located: LocatedRecord): void {
    this.records.delete(sessionId)
    this.shards[located.shard].db.data.sessions.delete(sessionId)
    this.changeCount += 1
  }

  private sessionFile(sessionId: string, file: string): SessionFile {
    let sessionFile = this.sessionFiles.get(file)
    if (sessionFile === undefined) {
      const adapter = new AtomicJsonAdapter(join(this.paths.sessionsDir, file), sessionFileCodec)
      sessionFile = { adapter, db: new Low<SessionFileData>(adapter, emptySessionFile(sessionId)) }
      this.sessionFiles.set(file, sessionFile)
    }
    return sessionFile
  }

  /** Waits for the file's pending writes, deletes it, and only then frees its name for reuse. */
  private async discardSessionFile(file: string): Promise<void> {
    const sessionFile = this.sessionFiles.get(file)
    this.sessionFiles.delete(file)
    await sessionFile?.adapter.close()
    await unlink(join(this.paths.sessionsDir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT')
        throw this.wrap('delete_session', error, join(this.paths.sessionsDir, file))
    })
    this.usedFiles.delete(file)
  }

  private async releaseAll(): Promise<void> {
    const adapters = [
      ...[...this.sessionFiles.values()].map((file) => file.adapter),
      ...this.shards.map((shard) => shard.adapter),
      ...(this.manifestAdapter === null ? [] : [this.manifestAdapter]),
    ]
    await Promise.allSettled(adapters.map((adapter) => adapter.close()))
    this.sessionFiles.clear()
    this.shards = []
    this.records.clear()
    this.usedFiles.clear()
    this.creating.clear()
    this.unreadable.clear()
    this.indexDamage = []
    this.manifest = null
    this.manifestAdapter = null
    this.changeCount += 1
    if (this.lock !== null) {
      const lock = this.lock
      this.lock = null
      await releaseStoreLock(lock).catch(() => undefined)
    }
  }

  private shardPath(shard: number): string {
    return join(this.paths.indexDir, shardFileName(shard))
  }

  private async io<T>(operation: string, file: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action()
    } catch (error) {
      throw this.wrap(operation, error, file)
    }
  }

  /** Engine errors pass through; a malformed file or an I/O failure becomes a BackendError naming the file. */
  private wrap(operation: string, error: unknown, file: string): LangswarmMemoryError {
    if (error instanceof ValidationError) {
      return new BackendError(this.kind, operation, error, { file, path: error.details.path })
    }
    if (error instanceof LangswarmMemoryError) return error
    return new BackendError(this.kind, operation, error, { file })
  }
}

function fileData(state: Readonly<SessionState>): SessionFileData {
  return {
    session_id: state.metadata.session_id,
    messages: [...state.messages],
    summaries: [...state.summaries],
    current_summary_id: state.currentSummaryId,
  }
}

async function directoryFileBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(dir, entry.name))
  let total = 0
  const CHUNK = 256
  for (let start = 0; start < files.length; start += CHUNK) {
    const sizes = await Promise.all(
      files.slice(start, start + CHUNK).map((file) =>
        stat(file).then(
          (info) => info.size,
          () => 0,
        ),
      ),
    )
    for (const size of sizes) total += size
  }
  return total
}
