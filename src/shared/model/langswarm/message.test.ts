import { describe, expect, it } from 'vitest'
import { ConversationSummary } from './conversationSummary'
import { MessageRole } from './enums'
import { ValidationError } from './errors'
import { Message } from './message'
import { MemoryUsage } from './memoryUsage'
import { UtcDateTime } from './utcDateTime'

const PYTHON_DICT = {
  role: 'user',
  content: 'Hello there',
  timestamp: '2026-11-22T03:21:42.629026+00:00',
  message_id: '3d07d6c3-8c1e-4a4b-9d3e-0f1a2b3c4d5e',
}

describe('Message', () => {
  it('defaults like the dataclass: now(UTC), uuid4 id, empty metadata, nulls', () => {
    const message = new Message({ role: MessageRole.USER, content: 'hi' })
    expect(message.message_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(message.metadata).toEqual({})
    expect(message.token_count).toBeNull()
    expect(message.function_call).toBeNull()
    expect(message.tool_calls).toBeNull()
    expect(Math.abs(message.timestamp.epochMs - Date.now())).toBeLessThan(5000)
  })

  it('round-trips the Python to_dict output exactly, key order included', () => {
    const message = Message.fromDict(PYTHON_DICT)
    expect(JSON.stringify(message.toDict())).toBe(JSON.stringify(PYTHON_DICT))
  })

  it('adds optional keys only under the Python conditions', () => {
    const base = {
      role: MessageRole.ASSISTANT,
      content: 'x',
      timestamp: '2024-01-01T00:00:00+00:00',
      message_id: 'm1',
    }
    expect(
      Object.keys(new Message({ ...base, metadata: {}, tool_calls: [], function_call: {} }).toDict()),
    ).toEqual(['role', 'content', 'timestamp', 'message_id'])
    const full = new Message({
      ...base,
      metadata: { source: 'import' },
      token_count: 0, // 0 is kept: the Python tests `is not None`
      function_call: { name: 'f', arguments: '{}' },
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'g', arguments: '{}' } }],
    })
    expect(Object.keys(full.toDict())).toEqual([
      'role',
      'content',
      'timestamp',
      'message_id',
      'metadata',
      'token_count',
      'function_call',
      'tool_calls',
    ])
    expect(full.toDict().token_count).toBe(0)
    expect(Message.fromDict(JSON.parse(JSON.stringify(full.toDict()))).toDict()).toEqual(full.toDict())
  })

  it('requires the four core keys and valid values, naming the path', () => {
    for (const key of ['role', 'content', 'timestamp', 'message_id']) {
      const data: Record<string, unknown> = { ...PYTHON_DICT }
      delete data[key]
      expect(() => Message.fromDict(data, '$.messages[2]')).toThrow(
        new RegExp(`\\$\\.messages\\[2\\]\\.${key}`),
      )
    }
    expect(() => Message.fromDict({ ...PYTHON_DICT, role: 'robot' })).toThrow(ValidationError)
    expect(() => Message.fromDict({ ...PYTHON_DICT, token_count: -1 })).toThrow(ValidationError)
    expect(() => Message.fromDict({ ...PYTHON_DICT, tool_calls: ['x'] })).toThrow(ValidationError)
    expect(() => Message.fromDict({ ...PYTHON_DICT, timestamp: 'soon' })).toThrow(ValidationError)
  })

  it('does not read V1 dicts, which use `id` instead of `message_id`', () => {
    expect(() =>
      Message.fromDict({ id: 'msg_1a2b3c4d', role: 'user', content: 'x', timestamp: '2025-01-01T00:00:00' }),
    ).toThrow(/message_id/)
  })

  it('accepts naive timestamps as UTC and writes them back with an offset', () => {
    const message = Message.fromDict({ ...PYTHON_DICT, timestamp: '2025-10-03T09:15:00' })
    expect(message.toDict().timestamp).toBe('2025-10-03T09:15:00+00:00')
  })

  it('is immutable; with() derives a changed copy', () => {
    const message = Message.fromDict(PYTHON_DICT)
    expect(() => {
      ;(message as { content: string }).content = 'changed'
    }).toThrow(TypeError)
    const copy = message.with({ token_count: 3 })
    expect(copy.token_count).toBe(3)
    expect(copy.message_id).toBe(message.message_id)
  })
})

describe('ConversationSummary', () => {
  it('round-trips its dict form with Python datetimes', () => {
    const dict = {
      summary: 'Conversation with 3 user messages and 2 assistant responses.',
      message_count: 5,
      start_time: '2026-11-22T03:21:42.629026+00:00',
      end_time: '2026-11-22T03:25:00+00:00',
      key_topics: ['deploy', 'server'],
      summary_id: 'a6f1c1f4-0b9e-4d7e-9a55-1c2d3e4f5a6b',
      created_at: '2026-11-22T03:25:00.000100+00:00',
    }
    expect(ConversationSummary.fromDict(dict).toDict()).toEqual(dict)
  })

  it('defaults id, creation time and topics', () => {
    const summary = new ConversationSummary({
      summary: 's',
      message_count: 1,
      start_time: UtcDateTime.now(),
      end_time: UtcDateTime.now(),
    })
    expect(summary.summary_id).toHaveLength(36)
    expect(summary.key_topics).toEqual([])
  })
})

describe('MemoryUsage', () => {
  it('defaults every field to zero or null, seed field names in toDict', () => {
    expect(new MemoryUsage().toDict()).toEqual({
      session_count: 0,
      message_count: 0,
      total_tokens: 0,
      storage_size_bytes: 0,
      active_sessions: 0,
      last_cleanup: null,
    })
  })
})
