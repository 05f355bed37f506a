import { join } from 'node:path'

/**
 * On-disk layout of a JSON session store:
 *
 *   <root>/store.json            manifest: format, version, shard count, last cleanup
 *   <root>/store.lock            the writer's pid (see storeLock)
 *   <root>/index/shard-NNN.json  session metadata + message/token counts, sessions spread over shards by id hash
 *   <root>/sessions/<name>.json  one file per session: its messages and summaries
 *
 * Listing reads only the index; a session's messages live in its own file, so writing one session never
 * rewrites another's. The index is sharded so that stamping `updated_at` on every append rewrites ~1/64 of it.
 */
export const STORE_FORMAT = 'langswarm-memory-json-store'
export const STORE_VERSION = 1
export const DEFAULT_INDEX_SHARDS = 64

export interface StorePaths {
  root: string
  manifest: string
  lock: string
  indexDir: string
  sessionsDir: string
}

export function storePaths(root: string): StorePaths {
  return {
    root,
    manifest: join(root, 'store.json'),
    lock: join(root, 'store.lock'),
    indexDir: join(root, 'index'),
    sessionsDir: join(root, 'sessions'),
  }
}

export const shardFileName = (shard: number): string => `shard-${String(shard).padStart(3, '0')}.json`

/** FNV-1a, 32-bit: stable across runs and platforms, which a shard assignment must be. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

export const shardOf = (sessionId: string, shardCount: number): number => fnv1a(sessionId) % shardCount

const SAFE_NAME = /^[a-z0-9_-]{1,100}$/
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/

/**
 * A file name for a session id. Lowercase-safe ids (uuids) are used as they are; anything else is sanitised and
 * suffixed with a hash, so names are portable to case-insensitive and Windows file systems. `taken` resolves the
 * rare clash; the chosen name is recorded in the index, so it never has to be recomputed.
 */
export function sessionFileName(sessionId: string, taken: (name: string) => boolean): string {
  const base =
    SAFE_NAME.test(sessionId) && !WINDOWS_RESERVED.test(sessionId)
      ? sessionId
      : `${sessionId
          .toLowerCase()
          .replace(/[^a-z0-9_-]/g, '_')
          .slice(0, 40)}-${fnv1a(sessionId).toString(16).padStart(8, '0')}`
  let name = `${base}.json`
  for (let suffix = 2; taken(name); suffix += 1) name = `${base}-${suffix}.json`
  return name
}
