import {
  ConversationSummary,
  Message,
  SessionMetadata,
  UtcDateTime,
  ValidationError,
  type JsonObject,
} from '../../../shared/model/langswarm'
import type { JsonCodec } from './atomicJsonAdapter'
import type { IndexEntry, SessionStats } from './sessionRepository'
import { salvageShardEntries } from './shardSalvage'
import { STORE_FORMAT, STORE_VERSION } from './storeLayout'

/** Converts the store's files to and from the domain objects the repository keeps in lowdb's `data`. */

export interface Manifest {
  format: typeof STORE_FORMAT
  version: number
  index_shards: number
  created_at: string
  last_cleanup: string | null
}

export interface ShardRecord {
  readonly file: string
  readonly entry: IndexEntry
}

export interface ShardData {
  sessions: Map<string, ShardRecord>
}

export interface SessionFileData {
  session_id: string
  messages: readonly Message[]
  summaries: readonly ConversationSummary[]
  current_summary_id: string | null
}

/** A manifest of a store format this build does not know (a newer app's): never damage to repair. */
export class UnsupportedStoreVersionError extends ValidationError {}

export const manifestCodec: JsonCodec<Manifest> = {
  parse(text) {
    const value = parseObject(text)
    if (value.format !== STORE_FORMAT)
      throw new ValidationError(`Not a session store (format ${JSON.stringify(value.format)})`)
    if (value.version !== STORE_VERSION) {
      throw new UnsupportedStoreVersionError(
        `Unsupported store version ${JSON.stringify(value.version)} (this build reads ${STORE_VERSION})`,
      )
    }
    if (
      typeof value.index_shards !== 'number' ||
      !Number.isInteger(value.index_shards) ||
      value.index_shards < 1
    ) {
      throw new ValidationError('index_shards must be a positive integer', { path: '$.index_shards' })
    }
    return value as unknown as Manifest
  },
  serialize: (data) => JSON.stringify(data),
}

// Serialised form of each immutable record, so a shard write only stringifies the entries that changed.
const recordJson = new WeakMap<ShardRecord, string>()

/** A shard as far as it could be read: every valid record, and what was wrong with the rest. */
export interface ShardReading {
  sessions: Map<string, ShardRecord>
  problems: string[]
}

/**
 * Reads a shard keeping whatever is intact: valid records of a shard holding some invalid ones, and the complete
 * records before the cut of a truncated or corrupted file. `problems` is empty for a sound shard.
 */
export function readShard(text: string): ShardReading {
  const sessions = new Map<string, ShardRecord>()
  const problems: string[] = []
  let entries: [string, unknown][]
  let value: JsonObject | null = null
  try {
    value = parseObject(text)
  } catch (error) {
    problems.push((error as Error).message)
  }
  if (value === null) entries = salvageShardEntries(text)
  else if (typeof value.sessions !== 'object' || value.sessions === null || Array.isArray(value.sessions)) {
    problems.push('$.sessions must be an object')
    entries = []
  } else entries = Object.entries(value.sessions as JsonObject)
  for (const [id, item] of entries) {
    try {
      sessions.set(id, parseShardRecord(id, item))
    } catch (error) {
      problems.push((error as Error).message)
    }
  }
  return { sessions, problems }
}

function parseShardRecord(id: string, item: unknown): ShardRecord {
  const path = `$.sessions[${JSON.stringify(id)}]`
  const record = item as JsonObject
  if (typeof record !== 'object' || record === null || typeof record.file !== 'string') {
    throw new ValidationError(`${path}.file must be a string`, { path: `${path}.file` })
  }
  const metadata = SessionMetadata.fromDict(record.metadata, `${path}.metadata`)
  if (metadata.session_id !== id)
    throw new ValidationError(`${path} holds metadata of another session`, { path })
  return { file: record.file, entry: { metadata, stats: readStats(record, path) } }
}

export const shardCodec: JsonCodec<ShardData> = {
  parse(text) {
    const { sessions, problems } = readShard(text)
    if (problems.length > 0) throw new ValidationError(problems[0])
    return { sessions }
  },
  serialize(data) {
    const parts: string[] = []
    for (const [id, record] of data.sessions) {
      let json = recordJson.get(record)
      if (json === undefined) {
        json = JSON.stringify({
          file: record.file,
          metadata: record.entry.metadata.toDict(),
          message_count: record.entry.stats.messageCount,
          token_total: record.entry.stats.tokenTotal,
          token_estimator: record.entry.stats.tokenEstimator,
        })
        recordJson.set(record, json)
      }
      parts.push(`${JSON.stringify(id)}:${json}`)
    }
    return `{"sessions":{${parts.join(',')}}}`
  },
}

// Messages are immutable, so each is stringified once however often its session file is rewritten.
const messageJson = new WeakMap<Message, string>()

export const sessionFileCodec: JsonCodec<SessionFileData> = {
  parse(text) {
    const value = parseObject(text)
    if (typeof value.session_id !== 'string')
      throw new ValidationError('session_id must be a string', { path: '$.session_id' })
    if (!Array.isArray(value.messages))
      throw new ValidationError('messages must be an array', { path: '$.messages' })
    const summaries = value.summaries ?? []
    if (!Array.isArray(summaries))
      throw new ValidationError('summaries must be an array', { path: '$.summaries' })
    const current = value.current_summary_id ?? null
    if (current !== null && typeof current !== 'string') {
      throw new ValidationError('current_summary_id must be a string or null', {
        path: '$.current_summary_id',
      })
    }
    return {
      session_id: value.session_id,
      messages: value.messages.map((message, index) => Message.fromDict(message, `$.messages[${index}]`)),
      summaries: summaries.map((summary, index) =>
        ConversationSummary.fromDict(summary, `$.summaries[${index}]`),
      ),
      current_summary_id: current,
    }
  },
  serialize(data) {
    const messages = data.messages.map((message) => {
      let json = messageJson.get(message)
      if (json === undefined) {
        json = JSON.stringify(message.toDict())
        messageJson.set(message, json)
      }
      return json
    })
    return (
      `{"session_id":${JSON.stringify(data.session_id)},"messages":[${messages.join(',')}],` +
      `"summaries":${JSON.stringify(data.summaries.map((summary) => summary.toDict()))},` +
      `"current_summary_id":${JSON.stringify(data.current_summary_id)}}`
    )
  },
}

export const emptySessionFile = (sessionId: string): SessionFileData => ({
  session_id: sessionId,
  messages: [],
  summaries: [],
  current_summary_id: null,
})

export function newManifest(indexShards: number): Manifest {
  return {
    format: STORE_FORMAT,
    version: STORE_VERSION,
    index_shards: indexShards,
    created_at: UtcDateTime.now().toIsoString(),
    last_cleanup: null,
  }
}

function readStats(record: JsonObject, path: string): SessionStats {
  const count = record.message_count
  const tokens = record.token_total
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new ValidationError(`${path}.message_count must be an integer ≥ 0`, {
      path: `${path}.message_count`,
    })
  }
  return {
    messageCount: count,
    tokenTotal: typeof tokens === 'number' && Number.isFinite(tokens) ? tokens : 0,
    // A missing estimator id makes the total count as stale, so it is recomputed rather than trusted.
    tokenEstimator: typeof record.token_estimator === 'string' ? record.token_estimator : '',
  }
}

function parseObject(text: string): JsonObject {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ValidationError(`Malformed JSON: ${(error as Error).message}`, {}, { cause: error })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('Expected a JSON object at the top level', { path: '$' })
  }
  return value as JsonObject
}
