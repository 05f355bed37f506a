import { describe, expect, it } from 'vitest'
import { detail } from '../../testing/samples'
import { buildCommands, draftErrors, draftFromDetail, type MessageDraft } from './messageDraft'
import { afterDelete, afterDuplicate, afterMove, canMove } from './structure'

const assistant = detail(2, {
  role: 'assistant',
  contentShape: 'null',
  parts: [],
  raw: '{\n  "role": "assistant",\n  "content": null,\n  "tool_calls": []\n}',
  toolCalls: [
    { id: 'a', type: 'function', name: 'f', arguments: '{"x": 1}', resultIndex: 3 },
    { id: 'b', type: 'function', name: 'g', arguments: '{}', resultIndex: 4 },
    { id: 'c', type: 'function', name: 'h', arguments: '{}', resultIndex: 5 },
  ],
})

describe('message draft', () => {
  it('starts strings as text and anything else as JSON taken from the exact message text', () => {
    expect(draftFromDetail(detail(1))).toMatchObject({
      contentMode: 'text',
      text: 'hello 1',
      json: '"hello 1"',
    })
    const typed = detail(4, {
      contentShape: 'array',
      raw: '{"role": "user", "content": [{"type": "text", "text": "caf\\u00e9"}, 5.0]}',
    })
    expect(draftFromDetail(typed)).toMatchObject({
      contentMode: 'json',
      json: '[\n  {\n    "type": "text",\n    "text": "café"\n  },\n  5.0\n]',
    })
    expect(draftFromDetail(assistant).json).toBe('null')
  })

  it('sends nothing when nothing changed, and only the fields that did', () => {
    const original = draftFromDetail(detail(1))
    expect(buildCommands(1, original, original)).toEqual([])
    expect(buildCommands(1, original, { ...original, contentMode: 'json' })).toEqual([])
    const edited: MessageDraft = { ...original, role: 'assistant', name: 'bot', text: 'hi' }
    expect(buildCommands(1, original, edited)).toEqual([
      { op: 'setField', index: 1, field: 'role', value: 'assistant' },
      { op: 'setField', index: 1, field: 'name', value: 'bot' },
      { op: 'setContentText', index: 1, text: 'hi' },
    ])
    expect(buildCommands(1, { ...original, name: 'bot' }, original)).toEqual([
      { op: 'setField', index: 1, field: 'name', value: null },
    ])
  })

  it('edits tool calls in place, removes from the end backwards, then appends new ones', () => {
    const original = draftFromDetail(assistant)
    const [a, , c] = original.toolCalls
    const draft: MessageDraft = {
      ...original,
      json: '"now text"',
      toolCalls: [
        { ...c, arguments: '{"y": 2}' },
        { key: 'n', callIndex: null, id: 'call_new', name: 'k', arguments: 'not json' },
        { ...a, name: 'f2' },
      ],
    }
    expect(buildCommands(2, original, draft)).toEqual([
      { op: 'setContentJson', index: 2, json: '"now text"' },
      { op: 'setToolCall', index: 2, callIndex: 2, arguments: '{"y": 2}' },
      { op: 'setToolCall', index: 2, callIndex: 0, name: 'f2' },
      { op: 'removeToolCall', index: 2, callIndex: 1 },
      { op: 'addToolCall', index: 2, id: 'call_new', name: 'k', arguments: 'not json' },
    ])
    const dropAll = { ...original, toolCalls: [] }
    expect(
      buildCommands(2, original, dropAll).map((command) => 'callIndex' in command && command.callIndex),
    ).toEqual([2, 1, 0])
  })

  it('refuses a missing role or content that is not JSON; tool_call_id can be removed', () => {
    const original = draftFromDetail(detail(3, { role: 'tool', toolCallId: 'call_a' }))
    expect(draftErrors({ ...original, role: ' ' })).toEqual([
      'A message needs a role (MARSYS refuses messages without one).',
    ])
    expect(draftErrors({ ...original, contentMode: 'json', json: '{"a": }' })[0]).toMatch(
      /^Content is not valid JSON: Line 1, column 7/,
    )
    expect(draftErrors({ ...original, contentMode: 'json', json: '[NaN, Infinity]' })).toEqual([])
    expect(buildCommands(3, original, { ...original, toolCallId: '' })).toEqual([
      { op: 'setField', index: 3, field: 'tool_call_id', value: null },
    ])
  })
})

describe('selection after structural edits', () => {
  it('moves a block like main does: edges and neighbours in the selection stay', () => {
    expect(afterMove([2, 3], 'up', 6)).toEqual([1, 2])
    expect(afterMove([0, 1, 4], 'up', 6)).toEqual([0, 1, 3])
    expect(afterMove([4, 5], 'down', 6)).toEqual([4, 5])
    expect(canMove([4, 5], 'down', 6)).toBe(false)
    expect(canMove([0, 3], 'up', 6)).toBe(true)
  })

  it('lands next to what was deleted, and selects the copies of duplicated messages', () => {
    expect(afterDelete([3, 5], 8)).toEqual({ indices: [3], focus: 3 })
    expect(afterDelete([6, 7], 8)).toEqual({ indices: [5], focus: 5 })
    expect(afterDelete([0], 1)).toEqual({ indices: [], focus: null })
    expect(afterDuplicate([1, 4])).toEqual({ indices: [2, 6], focus: 6 })
  })
})
