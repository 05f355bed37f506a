import { isPlainObject } from '../../../shared/model/langswarm/jsonFields'
import { createHash } from 'node:crypto'
import { type JsonObject, type SessionMetadata } from '../../../shared/model/langswarm'

/** The session property that records where a migrated session came from. */
export const MIGRATED_FROM = 'migrated_from'

export interface MigratedFrom {
  source_key: string
  source_kind: string
  source_path: string
  migrated_at: string
  /** false only while a backend without `importSession` is being filled (see writeSession). */
  complete?: boolean
}

export function migratedFrom(metadata: SessionMetadata): MigratedFrom | null {
  const value = metadata.properties[MIGRATED_FROM]
  return isPlainObject(value) && typeof value.source_key === 'string'
    ? (value as unknown as MigratedFrom)
    : null
}

export const withMigratedFrom = (properties: JsonObject, record: MigratedFrom): JsonObject => ({
  ...properties,
  [MIGRATED_FROM]: { ...record },
})

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex')

/**
 * The source identity of a session read from a database: its kind and id, and a hash of something only that
 * session has and that does not change as it grows (its creation time, its first row). The same database read
 * twice gives the same key; another database holding a different session under the same id does not.
 */
export const databaseSessionKey = (kind: string, sessionId: string, fingerprint: string): string =>
  `${kind}:${sessionId}:${sha256Hex(fingerprint).slice(0, 16)}`

/** The key versions before the fingerprint recorded: `<kind>:<session id>`, accepted for the same content. */
export const legacyDatabaseSessionKey = (kind: string, sessionId: string): string => `${kind}:${sessionId}`

/** A uuid-shaped id derived from `seed`, so re-reading the same source gives the same ids. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex')
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** A readable session id from a file name: `marsys-<name>-<hash>`. */
export function fileSessionId(prefix: string, fileName: string, hash: string): string {
  const stem = fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return `${prefix}-${stem === '' ? 'file' : stem}-${hash.slice(0, 8)}`
}
