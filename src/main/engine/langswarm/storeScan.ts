import { readdir } from 'node:fs/promises'
import { isTempFileName } from './atomicFile'
import type { ShardReading } from './storeCodecs'
import { DEFAULT_INDEX_SHARDS, shardOf } from './storeLayout'

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

/** The first problem of a shard, how many more there were, and how many records were kept. */
export function describeShardProblems(reading: ShardReading): string {
  const [first, ...more] = reading.problems
  return (
    `${first}${more.length > 0 ? ` (and ${more.length} more)` : ''}; ` +
    `${reading.sessions.size} record${reading.sessions.size === 1 ? '' : 's'} could still be read`
  )
}
