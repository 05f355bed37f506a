import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoreDamage } from '../../../shared/model/langswarm'
import { isTempFileName } from './atomicFile'
import { readShard, type ShardReading, type ShardRecord } from './storeCodecs'
import { DEFAULT_INDEX_SHARDS, shardFileName, shardOf } from './storeLayout'

/** What both the opening store and the repair look at on disk, beyond the files' contents. */

const SHARD_NAME = /^shard-(\d{3,})\.json$/

/** Shard numbers of the `shard-NNN.json` files in the index folder. */
export async function shardNumbersIn(indexDir: string): Promise<number[]> {
  const names = await readdir(indexDir).catch(() => [] as string[])
  return names.flatMap((name) => {
    const match = SHARD_NAME.exec(name)
    return match === null ? [] : [Number(match[1])]
  })
}

/** Session file names (`*.json`, no temp files, nothing a repair moved aside) in the sessions folder. */
export async function sessionFileNames(sessionsDir: string): Promise<string[]> {
  const names = await readdir(sessionsDir).catch(() => [] as string[])
  return names.filter((name) => name.endsWith('.json') && !isTempFileName(name))
}

/**
 * The shard count of a store whose manifest is lost: the smallest count (the default first) that puts every
 * record where it was found, so sessions keep their shards; without records, one past the highest shard file.
 */
export function inferShardCount(readings: ReadonlyMap<number, ShardReading>): number {
  const highest = Math.max(-1, ...readings.keys())
  const fits = (count: number) =>
    [...readings].every(([shard, reading]) =>
      [...reading.sessions.keys()].every((id) => shardOf(id, count) === shard),
    )
  if (highest < DEFAULT_INDEX_SHARDS && fits(DEFAULT_INDEX_SHARDS)) return DEFAULT_INDEX_SHARDS
  for (let count = Math.max(1, highest + 1); count <= 4096; count += 1) if (fits(count)) return count
  return Math.max(1, highest + 1)
}

/** `1 message`, `2 messages`. */
export const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`

/** The first problem of a shard, how many more there were, and how many records were kept. */
export function describeShardProblems(reading: ShardReading): string {
  const [first, ...more] = reading.problems
  return (
    `${first}${more.length > 0 ? ` (and ${more.length} more)` : ''}; ` +
    `${counted(reading.sessions.size, 'record')} could still be read`
  )
}

/** The index as far as it can be read; the opening store and the repair both start from this. */
export interface IndexReading {
  /** The store's shard count: the manifest's, or inferred when the manifest is lost. */
  count: number
  /** Every readable record (the first, for an id listed twice) and the shard file it was found in. */
  records: Map<string, { shard: number; record: ShardRecord }>
  damage: StoreDamage[]
  /** Shards (within the count) whose file holds less than it should or something that belongs elsewhere. */
  damagedShards: Set<number>
  /** Shard files beyond the store's shard count. */
  strayShards: number[]
}

/** Reads every index shard; `manifestShards` is null when the manifest is lost. */
export async function readIndex(indexDir: string, manifestShards: number | null): Promise<IndexReading> {
  const readings = new Map<number, ShardReading>()
  for (const shard of await shardNumbersIn(indexDir)) {
    readings.set(shard, readShard(await readFile(join(indexDir, shardFileName(shard)), 'utf8')))
  }
  const count = manifestShards ?? inferShardCount(readings)
  const index: IndexReading = {
    count,
    records: new Map(),
    damage: [],
    damagedShards: new Set(),
    strayShards: [],
  }
  for (const shard of [...readings.keys()].sort((a, b) => a - b)) {
    const reading = readings.get(shard)!
    const file = join(indexDir, shardFileName(shard))
    const damaged = (problem: string, sessionId?: string) => {
      index.damage.push({
        kind: 'index_shard',
        file,
        problem,
        ...(sessionId === undefined ? {} : { session_id: sessionId }),
      })
      if (shard < count) index.damagedShards.add(shard)
    }
    if (reading.problems.length > 0) damaged(describeShardProblems(reading))
    if (shard >= count) {
      index.strayShards.push(shard)
      damaged(`the store has ${count} index shards; this file is not one of them`)
    }
    for (const [id, record] of reading.sessions) {
      const twice = index.records.has(id)
      if (twice || shardOf(id, count) !== shard) {
        damaged(`session ${JSON.stringify(id)} is ${twice ? 'listed twice' : 'in the wrong index shard'}`, id)
      }
      if (!twice) index.records.set(id, { shard, record })
    }
  }
  return index
}

export const missingSessionFile = (file: string, sessionId: string, messageCount: number): StoreDamage => ({
  kind: 'missing_session_file',
  file,
  problem: `the session file is missing; the index counts ${counted(messageCount, 'message')}`,
  session_id: sessionId,
})

export const orphanedSessionFile = (file: string): StoreDamage => ({
  kind: 'orphaned_session_file',
  file,
  problem: 'no index entry refers to this session file (a crash, or a damaged index shard)',
})
