import { describe, expect, it } from 'vitest'
import { messageJsonPath } from './messagePath'

const file = (index: number) => ({ source: 'file' as const, sessionId: null, index })
const session = (index: number) => ({ source: 'session' as const, sessionId: 'a1-b2', index })

describe('messageJsonPath', () => {
  it('points into a MARSYS file’s top-level messages list', () => {
    expect(messageJsonPath(file(12))).toBe('$.messages[12]')
    expect(messageJsonPath(file(2), ['tool_calls', 0, 'function', 'arguments'])).toBe(
      '$.messages[2].tool_calls[0].function.arguments',
    )
    expect(messageJsonPath(file(5), ['content', 1, 'image_url'])).toBe('$.messages[5].content[1].image_url')
  })

  it('quotes keys that are not identifiers', () => {
    expect(messageJsonPath(file(0), ['metadata', 'a key'])).toBe('$.messages[0].metadata["a key"]')
  })

  it('names the session and puts tool_call_id and name back under metadata, as the store keeps them', () => {
    expect(messageJsonPath(session(3))).toBe('session a1-b2: $.messages[3]')
    expect(messageJsonPath(session(3), ['tool_call_id'])).toBe(
      'session a1-b2: $.messages[3].metadata.tool_call_id',
    )
    expect(messageJsonPath(session(1), ['tool_calls', 0, 'function', 'arguments'])).toBe(
      'session a1-b2: $.messages[1].tool_calls[0].function.arguments',
    )
  })
})
