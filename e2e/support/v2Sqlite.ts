import {
  insert,
  newDatabase,
  saveDatabase,
  V2_DDL,
} from '../../src/main/engine/migration/testing/specDatabases'

export interface V2Message {
  role: 'user' | 'assistant' | 'system'
  content: string
}

/**
 * Writes a real V2 SQLite file with sql.js, through the migration tests' own schema and helpers: one session per
 * entry with the given messages a second apart, times in Python isoformat.
 */
export async function writeV2Database(path: string, sessions: Record<string, V2Message[]>): Promise<void> {
  const db = await newDatabase(V2_DDL)
  const time = (second: number): string => `2026-01-05T09:30:${String(second).padStart(2, '0')}.000123+00:00`
  for (const [id, messages] of Object.entries(sessions)) {
    insert(db, 'sessions', {
      session_id: id,
      user_id: 'alice',
      agent_id: 'support-bot',
      status: 'active',
      created_at: time(0),
      updated_at: time(messages.length),
      tags: '["support"]',
      properties: '{"channel":"web"}',
    })
    messages.forEach((message, i) =>
      insert(db, 'messages', {
        message_id: `${id}-m${i}`,
        session_id: id,
        role: message.role,
        content: message.content,
        timestamp: time(i),
      }),
    )
  }
  await saveDatabase(db, path)
}
