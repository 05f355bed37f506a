import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import initSqlJs from 'sql.js'

/** langswarm-memory's V2 SQLiteBackend tables (langswarm-memory spec §8.3), as Python creates them. */
const V2_DDL = `
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
  start_time TEXT NOT NULL, end_time TEXT NOT NULL, key_topics TEXT, created_at TEXT NOT NULL);`

export interface V2Message {
  role: 'user' | 'assistant' | 'system'
  content: string
}

/**
 * Writes a real V2 SQLite file with sql.js (the e2e project cannot import the app's sources): one session per
 * entry, messages a second apart, times in Python isoformat.
 */
export async function writeV2Database(path: string, sessions: Record<string, V2Message[]>): Promise<void> {
  const require = createRequire(import.meta.url)
  const wasm = readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'))
  const SQL = await initSqlJs({
    wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
  })
  const db = new SQL.Database()
  db.exec(V2_DDL)
  const time = (second: number): string => `2026-01-05T09:30:${String(second).padStart(2, '0')}.000123+00:00`
  for (const [id, messages] of Object.entries(sessions)) {
    db.run(
      'INSERT INTO sessions (session_id, user_id, agent_id, status, created_at, updated_at, tags, properties) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        'alice',
        'support-bot',
        'active',
        time(0),
        time(messages.length),
        '["support"]',
        '{"channel":"web"}',
      ],
    )
    messages.forEach((message, i) =>
      db.run(
        'INSERT INTO messages (message_id, session_id, role, content, timestamp) VALUES (?, ?, ?, ?, ?)',
        [`${id}-m${i}`, id, message.role, message.content, time(i)],
      ),
    )
  }
  writeFileSync(path, db.export())
  db.close()
}
