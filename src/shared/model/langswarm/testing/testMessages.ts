import { MessageRole } from '../enums'
import { Message } from '../message'
import type { SessionMetadataDict } from '../sessionMetadata'
import { UtcDateTime } from '../utcDateTime'

/** Test helper: messages one second apart from a fixed start, so timestamps are predictable. */
export function conversation(...turns: [MessageRole, string][]): Message[] {
  const start = UtcDateTime.parse('2026-11-22T03:00:00+00:00')
  return turns.map(
    ([role, content], index) =>
      new Message({
        role,
        content,
        timestamp: start.plusMilliseconds(index * 1000),
        message_id: `m${index}`,
      }),
  )
}

export const user = (content: string): [MessageRole, string] => [MessageRole.USER, content]
export const assistant = (content: string): [MessageRole, string] => [MessageRole.ASSISTANT, content]
export const system = (content: string): [MessageRole, string] => [MessageRole.SYSTEM, content]

/**
 * Test helper: a session's metadata as stored, in the seed field order, with the spec defaults, `session_id` "s1"
 * and both timestamps at 2026-01-01 UTC; `overrides` replace fields in place (the order stays).
 */
export function sessionMetadataDict(overrides: Partial<SessionMetadataDict> = {}): SessionMetadataDict {
  return {
    session_id: 's1',
    user_id: null,
    agent_id: null,
    workflow_id: null,
    max_messages: 100,
    max_tokens: null,
    auto_summarize: true,
    summary_threshold: 50,
    status: 'active',
    created_at: '2026-01-01T00:00:00+00:00',
    updated_at: '2026-01-01T00:00:00+00:00',
    expires_at: null,
    tags: [],
    properties: {},
    ...overrides,
  }
}
