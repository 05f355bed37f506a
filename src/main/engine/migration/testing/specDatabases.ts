/**
 * Test databases built with sql.js from the schemas in the langswarm-memory spec (§8.3 for V2, §11.3 A and B
 * for V1), written as real SQLite files.
 */
import { writeFile } from 'node:fs/promises'
import type { Database, SqlValue } from 'sql.js'
import { loadSqlJs } from '../sqlite/sqlJs'

export const V2_DDL = `
CREATE TABLE sessions (
  session_id TEXT PRIMARY KEY, user_id TEXT, agent_id TEXT, workflow_id TEXT,
  status TEXT NOT NULL DEFAULT 'active', max_messages INTEGER DEFAULT 100, max_tokens INTEGER,
  auto_summarize BOOLEAN DEFAULT TRUE, summary_threshold INTEGER DEFAULT 50,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, expires_at TEXT, tags TEXT, properties TEXT);
CREATE TABLE messages (
  message_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL,
  timestamp TEXT NOT NULL, token_count INTEGER, metadata TEXT, function_call TEXT, tool_calls TEXT);
CREATE TABLE summaries (
  summary_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, summary TEXT NOT NULL, message_count INTEGER NOT NULL,
  start_time TEXT NOT NULL, end_time TEXT NOT NULL, key_topics TEXT, created_at TEXT NOT NULL);
CREATE INDEX idx_messages_session_id ON messages(session_id);
CREATE INDEX idx_messages_timestamp ON messages(timestamp);
CREATE INDEX idx_sessions_user_id ON sessions(user_id);
CREATE INDEX idx_sessions_status ON sessions(status);`

export const V1_SESSION_DDL = `
CREATE TABLE sessions (
  session_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, provider TEXT, model TEXT, status TEXT,
  session_control TEXT, created_at TEXT, updated_at TEXT, last_activity TEXT, metadata TEXT, history TEXT)`

export const V1_ADAPTER_DDL = `CREATE TABLE memory (key TEXT PRIMARY KEY, value TEXT NOT NULL, metadata TEXT)`

export async function newDatabase(ddl: string): Promise<Database> {
  const SQL = await loadSqlJs()
  const db = new SQL.Database()
  db.exec(ddl)
  return db
}

export function insert(db: Database, table: string, row: Record<string, SqlValue>): void {
  const columns = Object.keys(row)
  db.run(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    columns.map((column) => row[column]),
  )
}

export async function saveDatabase(db: Database, path: string): Promise<string> {
  await writeFile(path, db.export())
  db.close()
  return path
}

export interface V2SessionSpec {
  id: string
  messages: number
  userId?: string
  withSummary?: boolean
  /** Base time; messages follow one second apart. */
  start?: number
}

const iso = (ms: number, micros = 0): string =>
  new Date(ms)
    .toISOString()
    .replace('Z', '')
    .replace(/\.(\d{3})$/, (_, m: string) => `.${m}${String(micros).padStart(3, '0')}`) + '+00:00'

/** A V2 database as the Python SQLite backend writes it (Python isoformat times, JSON tags/properties). */
export async function buildV2Database(path: string, sessions: readonly V2SessionSpec[]): Promise<string> {
  const db = await newDatabase(V2_DDL)
  db.exec('BEGIN')
  for (const spec of sessions) {
    const start = spec.start ?? Date.UTC(2026, 0, 5, 9, 30, 0)
    insert(db, 'sessions', {
      session_id: spec.id,
      user_id: spec.userId ?? 'alice',
      agent_id: 'agent-7',
      workflow_id: null,
      status: 'active',
      max_messages: 100,
      max_tokens: null,
      auto_summarize: 1,
      summary_threshold: 50,
      created_at: iso(start, 123),
      updated_at: iso(start + spec.messages * 1000, 456),
      expires_at: null,
      tags: JSON.stringify(['support']),
      properties: JSON.stringify({ channel: 'web' }),
    })
    for (let i = 0; i < spec.messages; i++) {
      const assistant = i % 2 === 1
      insert(db, 'messages', {
        message_id: `${spec.id}-m${i}`,
        session_id: spec.id,
        role: assistant ? 'assistant' : 'user',
        content: assistant
          ? `Answer number ${i} with some words in it.`
          : `Question ${i}: what happened next?`,
        timestamp: iso(start + i * 1000, i % 1000),
        token_count: i % 3 === 0 ? 9 : null,
        metadata: i % 4 === 0 ? JSON.stringify({ source: 'web', n: i }) : null,
        function_call: null,
        tool_calls: null,
      })
    }
    if (spec.withSummary) {
      insert(db, 'summaries', {
        summary_id: `${spec.id}-s1`,
        session_id: spec.id,
        summary: `Conversation with ${Math.ceil(spec.messages / 2)} user messages.`,
        message_count: spec.messages,
        start_time: iso(start),
        end_time: iso(start + (spec.messages - 1) * 1000),
        key_topics: JSON.stringify(['happened', 'answer']),
        created_at: iso(start + spec.messages * 1000),
      })
    }
  }
  db.exec('COMMIT')
  return saveDatabase(db, path)
}
