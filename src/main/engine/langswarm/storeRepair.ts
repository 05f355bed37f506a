import { constants } from 'node:fs'
import { copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import {
  BackendError,
  JSON_FILE_BACKEND,
  SessionMetadata,
  StoreLockedError,
  UtcDateTime,
  ValidationError,
  type StoreDamage,
  type StoreRepairAction,
  type StoreRepairReport,
} from '../../../shared/model/langswarm'
import { atomicWriteFile } from '../fs/atomicWrite'
import {
  emptySessionFile,
  manifestCodec,
  newManifest,
  sessionFileCodec,
  shardCodec,
  UnsupportedStoreVersionError,
  type Manifest,
  type SessionFileData,
  type ShardRecord,
} from './storeCodecs'
import { shardFileName, shardOf, storePaths, type StorePaths } from './storeLayout'
import { acquireStoreLock, releaseStoreLock } from './storeLock'
import { counted, missingSessionFile, orphanedSessionFile, readIndex, sessionFileNames } from './storeScan'

export interface StoreRepairOptions {
  /** Report what would be done and change nothing (needs no lock, so it also works on a store in use). */
  dryRun?: boolean
  /** Time source for the names of kept copies and for restored metadata; tests pin it. */
  clock?: () => UtcDateTime
}

type SessionFileState = { ok: true; data: SessionFileData } | { ok: false; problem: string }

/** Everything the repair decided; applied in an order that leaves a re-runnable store after a crash. */
interface RepairPlan {
  damage: StoreDamage[]
  actions: StoreRepairAction[]
  /** Files copied to `<name>.damaged-<time>` before they are rewritten. */
  keepCopies: string[]
  /** Shard files outside the store's shard count, renamed aside (they are no store file any more). */
  moveAside: string[]
  emptyFiles: { path: string; sessionId: string }[]
  shards: Map<number, Map<string, ShardRecord>>
  manifest: Manifest | null
  sessions: number
  lostMessages: number
}

/**
 * Repairs a JSON session store (`storeLayout.ts`) by rebuilding its index from what can still be read: the intact
 * records of every shard, and every session file (whose id and messages it holds). It never deletes anything: a
 * damaged manifest or shard is kept as `<name>.damaged-<time>` before it is rewritten, a missing session file is
 * recreated empty (its messages are gone; the report counts them), and an unreadable session file is left as it is
 * and reported. Sessions whose index entry was lost come back with metadata rebuilt from their messages' times.
 * Holds the store's lock while it writes, so no Memory Inspector may have the store open.
 */
export async function repairSessionStore(
  storeRoot: string,
  options: StoreRepairOptions = {},
): Promise<StoreRepairReport> {
  const paths = storePaths(resolve(storeRoot))
  const clock = options.clock ?? UtcDateTime.now
  const dryRun = options.dryRun ?? false
  if (
    !(await exists(paths.manifest)) &&
    !(await exists(paths.indexDir)) &&
    !(await exists(paths.sessionsDir))
  ) {
    throw new BackendError(JSON_FILE_BACKEND, 'repair', `there is no session store at ${paths.root}`, {
      file: paths.root,
    })
  }
  const attempt = dryRun ? null : await acquireStoreLock(paths.lock)
  if (attempt !== null && !attempt.acquired) {
    throw new StoreLockedError(
      paths.root,
      attempt.owner?.pid ?? null,
      attempt.owner?.hostname ?? null,
      paths.lock,
    )
  }
  try {
    const plan = await planRepair(paths, clock)
    if (!dryRun) await applyRepair(paths, plan, clock)
    return {
      store: paths.root,
      dry_run: dryRun,
      damage: plan.damage,
      actions: plan.actions,
      sessions: plan.sessions,
      lost_messages: plan.lostMessages,
    }
  } finally {
    if (attempt?.acquired) await releaseStoreLock(attempt.lock)
  }
}

async function planRepair(paths: StorePaths, clock: () => UtcDateTime): Promise<RepairPlan> {
  const plan: RepairPlan = {
    damage: [],
    actions: [],
    keepCopies: [],
    moveAside: [],
    emptyFiles: [],
    shards: new Map(),
    manifest: null,
    sessions: 0,
    lostMessages: 0,
  }
  const manifest = await readManifest(paths, plan)
  const index = await readIndex(paths.indexDir, manifest?.index_shards ?? null)
  const count = index.count
  if (manifest === null) {
    plan.manifest = { ...newManifest(count), created_at: clock().toIsoString() }
    plan.actions.push({
      action: 'rewrote_manifest',
      file: paths.manifest,
      detail: `a new store.json for ${count} index shards`,
    })
  }

  // The index as it should be: every readable record, each in the shard its id belongs to. Shards that lose
  // something are kept as copies first; stray shard files beyond the count are moved aside.
  plan.damage.push(...index.damage)
  const shardPath = (shard: number) => join(paths.indexDir, shardFileName(shard))
  plan.keepCopies.push(...[...index.damagedShards].map(shardPath))
  plan.moveAside.push(...index.strayShards.map(shardPath))
  const dirty = new Set(index.damagedShards)
  const records = new Map<string, ShardRecord>()
  for (const [id, { shard, record }] of index.records) {
    if (shardOf(id, count) !== shard) dirty.add(shardOf(id, count))
    records.set(id, record)
  }

  // Check every entry against its session file, then bring back the session files no entry refers to.
  const names = await sessionFileNames(paths.sessionsDir)
  const files = new Map<string, SessionFileState>()
  for (const name of names) files.set(name, await readSessionFile(join(paths.sessionsDir, name)))
  const referenced = new Set<string>()
  for (const [id, record] of [...records]) {
    const path = join(paths.sessionsDir, record.file)
    const state = files.get(record.file)
    referenced.add(record.file)
    const indexed = record.entry.stats.messageCount
    if (state === undefined) {
      plan.damage.push(missingSessionFile(path, id, indexed))
      plan.emptyFiles.push({ path, sessionId: id })
      plan.lostMessages += indexed
      plan.actions.push({
        action: 'recreated_session_file',
        file: path,
        detail: `an empty session file, so the session reads as what it now is; ${counted(indexed, 'message')} lost`,
        session_id: id,
      })
      setStats(records, id, 0)
      dirty.add(shardOf(id, count))
    } else if (!state.ok) {
      plan.damage.push({
        kind: 'unreadable_session_file',
        file: path,
        problem: state.problem,
        session_id: id,
      })
      plan.actions.push({
        action: 'left_unreadable',
        file: path,
        detail: `${state.problem}; left as it is (fix it by hand, or delete the session)`,
        session_id: id,
      })
    } else if (state.data.session_id !== id) {
      plan.damage.push({
        kind: 'unreadable_session_file',
        file: path,
        problem: `holds session ${JSON.stringify(state.data.session_id)}, not ${JSON.stringify(id)}`,
        session_id: id,
      })
      plan.actions.push({ action: 'left_conflicting', file: path, detail: 'left as it is', session_id: id })
    } else if (state.data.messages.length !== indexed) {
      setStats(records, id, state.data.messages.length)
      dirty.add(shardOf(id, count))
    }
  }
  for (const name of names) {
    if (referenced.has(name)) continue
    const path = join(paths.sessionsDir, name)
    const state = files.get(name)!
    plan.damage.push(orphanedSessionFile(path))
    if (!state.ok) {
      plan.actions.push({ action: 'left_unreadable', file: path, detail: `${state.problem}; left as it is` })
      continue
    }
    const id = state.data.session_id
    if (records.has(id)) {
      plan.actions.push({
        action: 'left_conflicting',
        file: path,
        detail: `holds session ${JSON.stringify(id)}, which the index keeps in ${records.get(id)!.file}; left as it is`,
        session_id: id,
      })
      continue
    }
    records.set(id, {
      file: name,
      entry: { metadata: await restoredMetadata(id, state.data, path), stats: statsFor(state.data) },
    })
    dirty.add(shardOf(id, count))
    plan.actions.push({
      action: 'restored_session',
      file: path,
      detail: `back in the index with ${counted(state.data.messages.length, 'message')}; metadata rebuilt from the message times`,
      session_id: id,
    })
  }

  for (const shard of [...dirty].sort((a, b) => a - b)) plan.shards.set(shard, new Map())
  for (const [id, record] of records) plan.shards.get(shardOf(id, count))?.set(id, record)
  for (const [shard, sessions] of plan.shards) {
    plan.actions.push({
      action: 'rewrote_index_shard',
      file: join(paths.indexDir, shardFileName(shard)),
      detail: counted(sessions.size, 'session'),
    })
  }
  for (const file of [...plan.keepCopies, ...plan.moveAside]) {
    plan.actions.unshift({ action: 'kept_damaged_copy', file, detail: 'kept as <name>.damaged-<time>' })
  }
  plan.sessions = records.size
  return plan
}

/** The manifest if it is sound; otherwise the damage is noted (and the old file kept) and null returned. */
async function readManifest(paths: StorePaths, plan: RepairPlan): Promise<Manifest | null> {
  let text: string
  try {
    text = await readFile(paths.manifest, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    plan.damage.push({ kind: 'manifest', file: paths.manifest, problem: 'store.json is missing' })
    return null
  }
  try {
    return manifestCodec.parse(text)
  } catch (error) {
    if (error instanceof UnsupportedStoreVersionError) {
      throw new BackendError(JSON_FILE_BACKEND, 'repair', `${error.message}; a newer app wrote this store`, {
        file: paths.manifest,
      })
    }
    plan.damage.push({ kind: 'manifest', file: paths.manifest, problem: (error as Error).message })
    plan.keepCopies.push(paths.manifest)
    return null
  }
}

async function readSessionFile(path: string): Promise<SessionFileState> {
  try {
    return { ok: true, data: sessionFileCodec.parse(await readFile(path, 'utf8')) }
  } catch (error) {
    if (error instanceof ValidationError) {
      const where = typeof error.details.path === 'string' ? ` at ${error.details.path}` : ''
      return { ok: false, problem: `${error.message}${where}` }
    }
    throw error
  }
}

function statsFor(data: SessionFileData) {
  // The token total is left to be recounted with the estimator of whoever opens the store next.
  return { messageCount: data.messages.length, tokenTotal: 0, tokenEstimator: '' }
}

function setStats(records: Map<string, ShardRecord>, id: string, messageCount: number): void {
  const record = records.get(id)!
  records.set(id, {
    file: record.file,
    entry: { metadata: record.entry.metadata, stats: { messageCount, tokenTotal: 0, tokenEstimator: '' } },
  })
}

/** Metadata for a session whose index entry is lost: its id, and times from its first and last message. */
async function restoredMetadata(id: string, data: SessionFileData, path: string): Promise<SessionMetadata> {
  const first = data.messages[0]?.timestamp
  const last = data.messages[data.messages.length - 1]?.timestamp
  const modified = UtcDateTime.from((await stat(path)).mtime)
  return new SessionMetadata({ session_id: id, created_at: first ?? modified, updated_at: last ?? modified })
}

async function applyRepair(paths: StorePaths, plan: RepairPlan, clock: () => UtcDateTime): Promise<void> {
  const stamp = clock().toIsoString().replace(/[-:]/g, '').replace(/\.\d+/, '')
  await mkdir(paths.indexDir, { recursive: true })
  await mkdir(paths.sessionsDir, { recursive: true })
  for (const file of plan.keepCopies)
    await copyFile(file, await asideName(file, stamp), constants.COPYFILE_EXCL)
  for (const file of plan.moveAside) await rename(file, await asideName(file, stamp))
  for (const { path, sessionId } of plan.emptyFiles) {
    await atomicWriteFile(path, sessionFileCodec.serialize(emptySessionFile(sessionId)))
  }
  for (const [shard, sessions] of plan.shards) {
    await atomicWriteFile(join(paths.indexDir, shardFileName(shard)), shardCodec.serialize({ sessions }))
  }
  if (plan.manifest !== null) await atomicWriteFile(paths.manifest, manifestCodec.serialize(plan.manifest))
}

/** `<file>.damaged-<time>`, or with `-2`, `-3`… when a repair in the same second kept one already. */
async function asideName(file: string, stamp: string): Promise<string> {
  let name = `${file}.damaged-${stamp}`
  for (let suffix = 2; await exists(name); suffix += 1) name = `${file}.damaged-${stamp}-${suffix}`
  return name
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  )
