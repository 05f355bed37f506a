import { describe, expect, it } from 'vitest'
import { diagnoseMarsysBuffer, type MarsysVerdict } from './diagnostics'
import { SAVED_FIXTURES, readFixture } from '../../testing/codecTestkit'

const verdictOf = (text: string | Buffer): MarsysVerdict =>
  diagnoseMarsysBuffer(typeof text === 'string' ? Buffer.from(text) : text)
const messagesOf = (list: { message: string }[]): string[] => list.map((d) => d.message)
const withMessages = (...messages: unknown[]): string =>
  JSON.stringify({ memory_type: 'conversation_history', messages, timestamp: 1 }, null, 2)

describe('verdicts on the files MARSYS wrote', () => {
  it.each(SAVED_FIXTURES)('%s loads', (name) => {
    const verdict = verdictOf(readFixture(name))
    expect(verdict.errors).toEqual([])
    expect(verdict.marsysLoadable).toBe(true)
    if (name === '10_kg_facts.json')
      expect(messagesOf(verdict.warnings)).toEqual([expect.stringMatching(/^kg memory: .*event loop/)])
    else expect(verdict.warnings).toEqual([])
  })

  it('the truncated save is a syntax error with its position', () => {
    const verdict = verdictOf(readFixture('invalid/truncated_by_failed_save.json'))
    expect(verdict.marsysLoadable).toBe(false)
    expect(verdict.errors).toEqual([
      {
        message: 'invalid JSON: line 17, column 19: expected a value but found end of input',
        path: '$',
        line: 17,
        column: 19,
        context: '          "when": \n                  ^',
      },
    ])
  })
})

describe('verdicts on the hand-made load inputs (fixtures README table)', () => {
  const cases: [string, boolean, string[], string[]][] = [
    ['not_json.json', false, ["invalid JSON: line 1, column 1: expected a value but found 'this'"], []],
    [
      'top_level_list.json',
      false,
      ['the top level is a JSON array, not an object (MARSYS needs an object)'],
      [],
    ],
    [
      'messages_not_list.json',
      false,
      ["'messages' must be a list, got int (MARSYS fails: not iterable)"],
      [],
    ],
    ['missing_role.json', false, ["message 1: message has no 'role' (MARSYS requires one)"], []],
    [
      'bad_tool_call.json',
      false,
      ['message 0: tool_calls[0]: function arguments must be a string, got dict'],
      [],
    ],
    [
      'non_dict_entries_skipped.json',
      true,
      [],
      [
        'message 0 is a JSON string, not an object: MARSYS skips it',
        'message 1 is a JSON number, not an object: MARSYS skips it',
        'message 2 is a JSON literal, not an object: MARSYS skips it',
      ],
    ],
    [
      'extra_keys_ignored.json',
      true,
      [],
      [
        "unknown top-level key 'version' (ignored by MARSYS)",
        "message 0: key 'message_id' is ignored by MARSYS's loader (lost on load)",
        "message 0: key 'structured_data' is ignored by MARSYS's loader (lost on load)",
      ],
    ],
    ['content_missing.json', true, [], []],
    ['memory_type_mismatch.json', true, [], [expect.stringMatching(/^kg memory/) as unknown as string]],
    [
      'no_memory_type_no_messages.json',
      true,
      [],
      ["no 'memory_type': MARSYS logs a type mismatch and loads anyway"],
    ],
  ]

  it.each(cases)('%s → loadable %s', (name, loadable, errors, warnings) => {
    const verdict = verdictOf(readFixture(`load_inputs_handmade/${name}`))
    expect(verdict.marsysLoadable).toBe(loadable)
    expect(messagesOf(verdict.errors)).toEqual(errors)
    expect(messagesOf(verdict.warnings)).toEqual(warnings)
  })

  it('points at the offending value with a JSON path and its line and column', () => {
    expect(verdictOf(readFixture('load_inputs_handmade/bad_tool_call.json')).errors[0]).toMatchObject({
      path: '$.messages[0].tool_calls[0].function.arguments',
      line: 13,
      column: 26,
      messageIndex: 0,
    })
    expect(verdictOf(readFixture('load_inputs_handmade/missing_role.json')).errors[0]).toMatchObject({
      path: '$.messages[1]',
      line: 8,
      column: 5,
      messageIndex: 1,
    })
  })
})

describe('MARSYS loader rules', () => {
  it.each([
    [{ role: null, content: 'x' }, "'role' is null (MARSYS requires a role)", '$.messages[0].role'],
    [{ role: 'a', tool_calls: {} }, 'tool_calls must be a list, got dict', '$.messages[0].tool_calls'],
    [
      { role: 'a', tool_calls: ['x'] },
      'tool_calls[0] must be a dict, got str',
      '$.messages[0].tool_calls[0]',
    ],
    [
      { role: 'a', tool_calls: [{ function: { name: 'f' } }] },
      'tool_calls[0]: tool call id cannot be empty',
      '$.messages[0].tool_calls[0]',
    ],
    [
      { role: 'a', tool_calls: [{ id: '', function: { name: 'f' } }] },
      'tool_calls[0]: tool call id cannot be empty',
      '$.messages[0].tool_calls[0].id',
    ],
    [
      { role: 'a', tool_calls: [{ id: 'c', type: '', function: { name: 'f' } }] },
      'tool_calls[0]: tool call type cannot be empty',
      '$.messages[0].tool_calls[0].type',
    ],
    [
      { role: 'a', tool_calls: [{ id: 'c' }] },
      'tool_calls[0]: function name cannot be empty',
      '$.messages[0].tool_calls[0]',
    ],
    [
      { role: 'a', tool_calls: [{ id: 'c', function: { arguments: '{}' } }] },
      'tool_calls[0]: function name cannot be empty',
      '$.messages[0].tool_calls[0].function',
    ],
    [
      { role: 'a', tool_calls: [{ id: 'c', function: 'f' }] },
      'tool_calls[0].function must be a dict, got str',
      '$.messages[0].tool_calls[0].function',
    ],
    [
      { role: 'a', tool_calls: [{ id: 'c', function: { name: 'f', arguments: null } }] },
      'tool_calls[0]: function arguments must be a string, got NoneType',
      '$.messages[0].tool_calls[0].function.arguments',
    ],
    [{ role: 'a', images: 'p.png' }, 'images must be a list, got str', '$.messages[0].images'],
    [
      { role: 'a', images: ['p.png', 3] },
      'images[1] must be a string (path/URL), got int',
      '$.messages[0].images[1]',
    ],
    [
      { role: 'a', agent_calls: [{ agent_name: '', request: 'r' }] },
      'agent_calls[0]: agent_name cannot be empty',
      '$.messages[0].agent_calls[0]',
    ],
    [
      { role: 'a', agent_calls: [{ agent_name: 'A' }] },
      'agent_calls[0]: request cannot be None',
      '$.messages[0].agent_calls[0]',
    ],
  ])('%j fails the load', (message, error, path) => {
    const verdict = verdictOf(withMessages(message))
    expect(verdict.marsysLoadable).toBe(false)
    expect(verdict.errors).toHaveLength(1)
    expect(verdict.errors[0]).toMatchObject({ message: `message 0: ${error}`, path, messageIndex: 0 })
  })

  it('accepts what the loader tolerates', () => {
    const verdict = verdictOf(
      withMessages(
        { role: '', content: null },
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', function: { name: 'f' } }],
          images: null,
          agent_calls: [],
        },
        { role: 'tool', content: 'x', tool_call_id: 'c', name: 'f', reasoning_details: [{}] },
      ),
    )
    expect([verdict.marsysLoadable, verdict.errors, verdict.warnings]).toEqual([true, [], []])
  })

  it('treats a BOM as a warning that MARSYS itself refuses', () => {
    const verdict = verdictOf(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFixture('01_plain_conversation.json')]),
    )
    expect(verdict.errors).toEqual([])
    expect(messagesOf(verdict.warnings)).toEqual([expect.stringMatching(/UTF-8 BOM: MARSYS refuses it/)])
    expect(verdict.marsysLoadable).toBe(false)
  })

  it('warns about raw non-ASCII text and fails on invalid UTF-8', () => {
    expect(
      messagesOf(verdictOf(withMessages({ role: 'user', content: 'x' }).replace('"x"', '"é"')).warnings),
    ).toEqual([expect.stringMatching(/raw non-ASCII/)])
    const invalid = verdictOf(
      Buffer.concat([Buffer.from('{"memory_type": "kg", "x": "'), Buffer.from([0xff]), Buffer.from('"}')]),
    )
    expect(invalid.marsysLoadable).toBe(false)
    expect(invalid.errors[0]).toMatchObject({
      message: expect.stringMatching(/not valid UTF-8/),
      line: 1,
      column: 29,
    })
  })

  it('follows Python iteration for messages that are a string, an object or null', () => {
    expect(verdictOf('{"memory_type": "kg", "messages": "abc"}').marsysLoadable).toBe(true)
    expect(messagesOf(verdictOf('{"memory_type": "kg", "messages": {"a": 1}}').warnings)).toEqual([
      "'messages' is a dict, not a list: MARSYS iterates it and skips every item, loading nothing",
    ])
    expect(messagesOf(verdictOf('{"memory_type": "kg", "messages": null}').errors)).toEqual([
      "'messages' must be a list, got NoneType (MARSYS fails: not iterable)",
    ])
  })

  it('warns about an unknown memory_type and duplicate keys', () => {
    const verdict = verdictOf('{"memory_type": "vector", "messages": [], "messages": []}')
    expect(messagesOf(verdict.warnings)).toEqual([
      "duplicate top-level key 'messages' (Python keeps the last one)",
      'unknown memory_type "vector": MARSYS logs a type mismatch and loads anyway',
    ])
  })

  it('summarises diagnostics past the first 200', () => {
    const verdict = verdictOf(withMessages(...Array.from({ length: 250 }, () => ({ content: 'x' }))))
    expect(verdict.errors).toHaveLength(201)
    expect(verdict.errors[200].message).toBe('… and 50 more errors')
  })
})
