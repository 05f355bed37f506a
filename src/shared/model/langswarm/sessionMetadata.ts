import { z } from 'zod'
import { parseSessionStatus, SessionStatus, sessionStatusSchema } from './enums'
import { ValidationError } from './errors'
import {
  cloneJson,
  expectObject,
  isPlainObject,
  jsonObjectSchema,
  readBoolean,
  readDateTime,
  readInteger,
  readOptionalDateTime,
  readOptionalString,
  readString,
  readStringArray,
  type JsonObject,
} from './jsonFields'
import { UtcDateTime, type DateTimeInput } from './utcDateTime'

/** The metadata's JSON form: the seed's field names and order, enum values, datetimes as Python isoformat. */
export const sessionMetadataDictSchema = z.object({
  session_id: z.string(),
  user_id: z.string().nullable(),
  agent_id: z.string().nullable(),
  workflow_id: z.string().nullable(),
  max_messages: z.number(),
  max_tokens: z.number().nullable(),
  auto_summarize: z.boolean(),
  summary_threshold: z.number(),
  status: sessionStatusSchema,
  created_at: z.string(),
  updated_at: z.string(),
  expires_at: z.string().nullable(),
  tags: z.array(z.string()),
  properties: jsonObjectSchema,
})
export type SessionMetadataDict = z.infer<typeof sessionMetadataDictSchema>

export interface SessionMetadataInit {
  session_id: string
  user_id?: string | null
  agent_id?: string | null
  workflow_id?: string | null
  max_messages?: number
  max_tokens?: number | null
  auto_summarize?: boolean
  summary_threshold?: number
  status?: SessionStatus
  created_at?: DateTimeInput
  updated_at?: DateTimeInput
  expires_at?: DateTimeInput | null
  tags?: string[]
  properties?: JsonObject
}

/** What `updateMetadata` may change. The id is the store key and `updated_at` is stamped by every change. */
export type SessionMetadataPatch = Partial<Omit<SessionMetadataInit, 'session_id' | 'updated_at'>>

/** The keys `updateMetadata` accepts. */
export const PATCHABLE_KEYS: readonly string[] = [
  'user_id',
  'agent_id',
  'workflow_id',
  'max_messages',
  'max_tokens',
  'auto_summarize',
  'summary_threshold',
  'status',
  'created_at',
  'expires_at',
  'tags',
  'properties',
] satisfies (keyof SessionMetadataPatch)[]

/** Defaults from spec §3.3. */
export const SESSION_DEFAULTS = {
  max_messages: 100,
  max_tokens: null,
  auto_summarize: true,
  summary_threshold: 50,
  status: SessionStatus.ACTIVE,
} as const

/**
 * Session metadata and configuration (the seed's `SessionMetadata`). Unlike the Python, every assignment is
 * type-checked (a raw string is not accepted as a status, `max_messages` must be a positive integer).
 */
export class SessionMetadata {
  readonly session_id: string
  user_id: string | null
  agent_id: string | null
  workflow_id: string | null
  max_messages: number
  max_tokens: number | null
  auto_summarize: boolean
  summary_threshold: number
  status: SessionStatus
  created_at: UtcDateTime
  updated_at: UtcDateTime
  expires_at: UtcDateTime | null
  tags: string[]
  properties: JsonObject

  constructor(init: SessionMetadataInit) {
    if (typeof init.session_id !== 'string' || init.session_id === '') {
      throw new ValidationError('session_id must be a non-empty string', { path: 'session_id' })
    }
    this.session_id = init.session_id
    this.user_id = null
    this.agent_id = null
    this.workflow_id = null
    this.max_messages = SESSION_DEFAULTS.max_messages
    this.max_tokens = SESSION_DEFAULTS.max_tokens
    this.auto_summarize = SESSION_DEFAULTS.auto_summarize
    this.summary_threshold = SESSION_DEFAULTS.summary_threshold
    this.status = SESSION_DEFAULTS.status
    const now = UtcDateTime.now()
    this.created_at = now
    this.updated_at = now
    this.expires_at = null
    this.tags = []
    this.properties = {}
    const { session_id: _id, updated_at, ...rest } = init
    rejectUnknownKeys(rest)
    this.assign(rest)
    if (updated_at !== undefined) this.updated_at = UtcDateTime.from(updated_at, 'updated_at')
  }

  static fromDict(value: unknown, path = '$'): SessionMetadata {
    const data = expectObject(value, path)
    const auto = data.auto_summarize
    return new SessionMetadata({
      session_id: readString(data, 'session_id', path),
      user_id: readOptionalString(data, 'user_id', path),
      agent_id: readOptionalString(data, 'agent_id', path),
      workflow_id: readOptionalString(data, 'workflow_id', path),
      max_messages:
        data.max_messages == null ? undefined : readInteger(data.max_messages, `${path}.max_messages`, 1),
      max_tokens: data.max_tokens == null ? null : readInteger(data.max_tokens, `${path}.max_tokens`, 1),
      auto_summarize: auto == null ? undefined : readBoolean(auto, `${path}.auto_summarize`),
      summary_threshold:
        data.summary_threshold == null
          ? undefined
          : readInteger(data.summary_threshold, `${path}.summary_threshold`, 1),
      status: data.status == null ? undefined : parseSessionStatus(data.status, `${path}.status`),
      created_at: readDateTime(data, 'created_at', path),
      updated_at: readDateTime(data, 'updated_at', path),
      expires_at: readOptionalDateTime(data, 'expires_at', path),
      tags: data.tags == null ? [] : readStringArray(data.tags, `${path}.tags`),
      properties: data.properties == null ? {} : expectObject(data.properties, `${path}.properties`),
    })
  }

  toDict(): SessionMetadataDict {
    return {
      session_id: this.session_id,
      user_id: this.user_id,
      agent_id: this.agent_id,
      workflow_id: this.workflow_id,
      max_messages: this.max_messages,
      max_tokens: this.max_tokens,
      auto_summarize: this.auto_summarize,
      summary_threshold: this.summary_threshold,
      status: this.status,
      created_at: this.created_at.toIsoString(),
      updated_at: this.updated_at.toIsoString(),
      expires_at: this.expires_at === null ? null : this.expires_at.toIsoString(),
      tags: [...this.tags],
      properties: cloneJson(this.properties, 'properties'),
    }
  }

  clone(): SessionMetadata {
    return SessionMetadata.fromDict(this.toDict())
  }

  /** `now > expires_at`, strictly, as the Python; never expired without `expires_at`. */
  isExpired(now: UtcDateTime = UtcDateTime.now()): boolean {
    return this.expires_at !== null && now.isAfter(this.expires_at)
  }

  updateTimestamp(now: UtcDateTime = UtcDateTime.now()): void {
    this.updated_at = now
  }

  /**
   * Validates the whole patch first, then applies it, so a bad field leaves the metadata untouched. Unknown keys
   * are an error (the Python ignores them silently, which hides typos).
   */
  applyPatch(patch: SessionMetadataPatch): void {
    if (!isPlainObject(patch)) throw new ValidationError('metadata patch must be an object')
    rejectUnknownKeys(patch)
    const candidate = this.clone()
    candidate.assign(patch)
    this.assign(patch)
  }

  private assign(values: SessionMetadataPatch): void {
    const v = values
    if (v.user_id !== undefined) this.user_id = optionalString(v.user_id, 'user_id')
    if (v.agent_id !== undefined) this.agent_id = optionalString(v.agent_id, 'agent_id')
    if (v.workflow_id !== undefined) this.workflow_id = optionalString(v.workflow_id, 'workflow_id')
    if (v.max_messages !== undefined) this.max_messages = readInteger(v.max_messages, 'max_messages', 1)
    if (v.max_tokens !== undefined)
      this.max_tokens = v.max_tokens === null ? null : readInteger(v.max_tokens, 'max_tokens', 1)
    if (v.auto_summarize !== undefined) this.auto_summarize = readBoolean(v.auto_summarize, 'auto_summarize')
    if (v.summary_threshold !== undefined)
      this.summary_threshold = readInteger(v.summary_threshold, 'summary_threshold', 1)
    if (v.status !== undefined) this.status = parseSessionStatus(v.status)
    if (v.created_at !== undefined) this.created_at = UtcDateTime.from(v.created_at, 'created_at')
    if (v.expires_at !== undefined)
      this.expires_at = v.expires_at === null ? null : UtcDateTime.from(v.expires_at, 'expires_at')
    if (v.tags !== undefined) this.tags = readStringArray(v.tags, 'tags')
    if (v.properties !== undefined)
      this.properties = cloneJson(expectObject(v.properties, 'properties'), 'properties')
  }
}

function rejectUnknownKeys(values: object): void {
  const unknown = Object.keys(values).filter((key) => !PATCHABLE_KEYS.includes(key))
  if (unknown.length > 0) {
    throw new ValidationError(`Unknown or read-only metadata field(s): ${unknown.join(', ')}`, {
      path: unknown[0],
    })
  }
}

function optionalString(value: unknown, path: string): string | null {
  if (value === null) return null
  if (typeof value !== 'string') throw new ValidationError(`${path} must be a string or null`, { path })
  return value
}
