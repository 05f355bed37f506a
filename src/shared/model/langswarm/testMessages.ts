import { MessageRole } from './enums'
import { Message } from './message'
import { UtcDateTime } from './utcDateTime'

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
