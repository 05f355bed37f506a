import { isPlainObject } from '../../../../shared/model/langswarm/jsonFields'
import type { Database, SqlValue } from 'sql.js'
import {
  Message,
  parseMessageRole,
  SessionMetadata,
  SessionStatus,
  type JsonObject,
  type UtcDateTime,
} from '../../../../shared/model/langswarm'
import { databaseSessionKey, legacyDatabaseSessionKey, stableUuid } from '../identity'
import { eachRow, scalar } from '../sqlite/openSqlite'
import type { MigrationSource, ReadOptions, SourceItem, SourceSession } from '../types'
import { TimeNotes } from '../timestamps'
import { jsonObjectCell, optionalText, textCell } from './sqliteRows'

/** Required columns of V1's `SQLiteSessionStorage` table (spec §11.3 B). */
export const V1_SESSION_SCHEMA = { sessions: ['session_id', 'user_id', 'metadata', 'history'] }

/** V1 status → V2; V1's "inactive" has no V2 value, "paused" is the natural one (the original stays in properties). */
const STATUS: Record<string, SessionStatus> = {
  active: SessionStatus.ACTIVE,
  inactive: SessionStatus.PAUSED,
  archived: SessionStatus.ARCHIVED,
  expired: SessionStatus.EXPIRED,
}

type Row = Record<string, SqlValue>

/**
 * V1 conversation sessions: one row per session with JSON `metadata` and `history`. Ids, user, status, tags and
 * every message keep their values; everything V2 has no field for goes to `properties.v1` (the columns, the
 * metadata JSON, the history's summary and counters) or to the message's `metadata` (`tool_call_id`,
 * `provider_message_id`, unknown keys), so nothing is dropped.
 */
export class V1SessionSqliteSource implements MigrationSource {
  readonly kind = 'v1_session_sqlite' as const

  constructor(
    readonly path: string,
    private readonly db: Database,
    private readonly options: ReadOptions,
  ) {}

  async count(): Promise<{ sessions: number; messages: number }> {
    let messages = 0
    eachRow(this.db, 'SELECT history FROM sessions', [], (row) => {
      try {
        const history = JSON.parse(String(row.history)) as unknown
        if (isPlainObject(history) && Array.isArray(history.messages)) messages += history.messages.length
      } catch {
        // reported when read for real
      }
    })
    return { sessions: Number(scalar(this.db, 'SELECT COUNT(*) FROM sessions')), messages }
  }

  async *items(): AsyncIterable<SourceItem> {
    const ids: number[] = []
    eachRow(this.db, 'SELECT rowid AS _rowid FROM sessions ORDER BY rowid', [], (row) =>
      ids.push(Number(row._rowid)),
    )
    for (const rowid of ids) {
      let row: Row | null = null
      eachRow(this.db, 'SELECT rowid AS _rowid, * FROM sessions WHERE rowid = ?', [rowid], (r) => (row = r))
      if (row === null) continue
      const problems: SourceItem[] = []
      try {
        const session = this.readSession(row, problems)
        yield* problems
        yield { type: 'session', session }
      } catch (error) {
        const id = (row as Row).session_id
        yield {
          type: 'error',
          issue: {
            source: this.path,
            location: `sessions row ${rowid}`,
            ...(typeof id === 'string' ? { session_id: id } : {}),
            error: error instanceof Error ? error.message : String(error),
          },
        }
      }
    }
  }

  close(): void {
    this.db.close()
  }

  private readSession(row: Row, problems: SourceItem[]): SourceSession {
    const naive = new TimeNotes()
    const sessionId = textCell(row, 'session_id')
    const meta = jsonObjectCell(row, 'metadata') ?? {}
    const history = jsonObjectCell(row, 'history') ?? {}
    const column = (name: string): string | null => (name in row ? optionalText(row, name) : null)
    const pick = (name: string): string | null => {
      const value = column(name) ?? meta[name]
      return typeof value === 'string' && value !== '' ? value : null
    }
    const time = (name: string, fallback: UtcDateTime | null): UtcDateTime | undefined => {
      const text = pick(name)
      return text === null ? (fallback ?? undefined) : naive.read(text, name, this.options)
    }
    const v1Status = pick('status') ?? 'active'
    const created = time('created_at', null)
    const tags = Array.isArray(meta.tags) ? meta.tags.map(String) : []
    const { messages: rawMessages, ...historyRest } = history
    const columns: JsonObject = {}
    for (const [key, value] of Object.entries(row))
      if (!['_rowid', 'metadata', 'history'].includes(key))
        columns[key] = value instanceof Uint8Array ? null : value

    const messages = this.readMessages(sessionId, rawMessages, naive, problems, created)
    const metadata = new SessionMetadata({
      session_id: sessionId,
      user_id: pick('user_id') ?? this.options.defaultUserId ?? null,
      agent_id: typeof meta.provider_agent_id === 'string' ? meta.provider_agent_id : null,
      status: STATUS[v1Status] ?? SessionStatus.ACTIVE,
      created_at: created,
      updated_at: time('updated_at', created ?? null),
      max_messages: Math.max(100, messages.list.length),
      tags,
      properties: { v1: { columns, metadata: meta, history: historyRest } },
    })
    const session: SourceSession = {
      sourceKey: databaseSessionKey(this.kind, sessionId, fingerprint(pick('created_at'), rawMessages, row)),
      legacySourceKey: legacyDatabaseSessionKey(this.kind, sessionId),
      location: `${this.path}#${sessionId}`,
      metadata,
      messages: messages.list,
      summaries: [],
      currentSummaryId: null,
      losses: [],
      notes: naive.entries,
    }
    if (!(v1Status in STATUS))
      session.notes.push({
        field: 'status',
        count: 1,
        reason: `V1 status ${JSON.stringify(v1Status)} unknown: set to active`,
      })
    else if (v1Status === 'inactive')
      session.notes.push({
        field: 'status',
        count: 1,
        reason: 'V1 "inactive" has no V2 value: set to paused',
      })
    if (messages.bad > 0)
      session.losses.push({
        field: 'messages',
        count: messages.bad,
        reason: 'history entries that could not be read (see errors)',
      })
    return session
  }

  private readMessages(
    sessionId: string,
    raw: unknown,
    naive: TimeNotes,
    problems: SourceItem[],
    fallbackTime: UtcDateTime | undefined,
  ): { list: Message[]; bad: number } {
    const list: Message[] = []
    let bad = 0
    if (raw === undefined || raw === null) return { list, bad }
    if (!Array.isArray(raw)) throw new Error('history.messages is not a list')
    const seen = new Set<string>()
    raw.forEach((entry: unknown, index) => {
      try {
        if (!isPlainObject(entry)) throw new Error('not an object')
        const {
          id,
          role,
          content,
          timestamp,
          metadata,
          tool_calls,
          tool_call_id,
          provider_message_id,
          ...rest
        } = entry
        const extra: JsonObject = isPlainObject(metadata) ? { ...metadata } : {}
        if (metadata != null && !isPlainObject(metadata)) extra.v1_metadata = metadata
        if (typeof tool_call_id === 'string' && tool_call_id !== '') extra.tool_call_id = tool_call_id
        if (provider_message_id != null) extra.provider_message_id = provider_message_id
        if (Object.keys(rest).length > 0) extra.v1_extra = rest
        let text: string
        if (typeof content === 'string') text = content
        else {
          text = content == null ? '' : JSON.stringify(content)
          extra.v1_content = content == null ? 'null' : 'json'
        }
        let messageId =
          typeof id === 'string' && id !== '' ? id : stableUuid(`${this.path}#${sessionId}#${index}`)
        if (seen.has(messageId)) {
          extra.v1_id = messageId
          messageId = stableUuid(`${this.path}#${sessionId}#${index}`)
        }
        seen.add(messageId)
        const calls =
          tool_calls == null || (Array.isArray(tool_calls) && tool_calls.length === 0) ? null : tool_calls
        if (calls !== null && (!Array.isArray(calls) || !calls.every(isPlainObject)))
          throw new Error('tool_calls is not a list of objects')
        list.push(
          new Message({
            role: parseMessageRole(role, 'role'),
            content: text,
            timestamp:
              typeof timestamp === 'string' && timestamp !== ''
                ? naive.read(timestamp, 'timestamp', this.options)
                : fallbackTime,
            message_id: messageId,
            metadata: extra,
            tool_calls: calls as JsonObject[] | null,
          }),
        )
      } catch (error) {
        bad++
        problems.push({
          type: 'error',
          issue: {
            source: this.path,
            location: `session ${JSON.stringify(sessionId)} history.messages[${index}]`,
            session_id: sessionId,
            error: error instanceof Error ? error.message : String(error),
          },
        })
      }
    })
    return { list, bad }
  }
}

/** What identifies a V1 session beyond its id: its creation time, else its first message, else its metadata. */
function fingerprint(createdAt: string | null, messages: unknown, row: Row): string {
  if (createdAt !== null) return `created_at ${createdAt}`
  if (Array.isArray(messages) && messages.length > 0) return `first message ${JSON.stringify(messages[0])}`
  return `metadata ${String(row.metadata)}`
}
