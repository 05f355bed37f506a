import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditCommand } from '../../../../shared/model/edit'
import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { fixturePath } from '../../testing/fixtures'
import { diagnoseMarsysFile } from '../files/diagnose'
import { renderDocument } from '../files/fileSaver'
import { Conversation } from '../conversation'
import { MarsysFileSource } from '../files/marsysFileSource'
import type { FileConversation } from '../files/fileSaver'
import { PLACEHOLDER_RESULT } from './applyCommand'

let dir: string
const counter = new DefaultTokenCounter()

function openCopy(name: string): { document: FileConversation; path: string } {
  const path = join(dir, name.split('/').pop()!)
  copyFileSync(fixturePath(name), path)
  const source = new MarsysFileSource(path, { bytes: readFileSync(path), mtimeMs: 0 }, diagnoseMarsysFile)
  const document = new Conversation('doc', source, (m) => counter.countMessage(m))
  document.index.buildAll()
  return { document, path }
}

const plainMessages = (document: FileConversation): unknown[] =>
  Array.from({ length: document.items.length }, (_, i) => document.plainAt(i))
const edit = (document: FileConversation, ...commands: EditCommand[]) =>
  document.edit(document.revision, commands)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mi-edit-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Every command, applied then undone, must give back exactly the document it started from; redo reapplies it. */
describe('each edit command and its inverse', () => {
  const cases: [string, string, EditCommand[]][] = [
    [
      'setField role',
      '01_plain_conversation.json',
      [{ op: 'setField', index: 1, field: 'role', value: 'system' }],
    ],
    [
      'setField name (added in MARSYS key order)',
      '01_plain_conversation.json',
      [{ op: 'setField', index: 1, field: 'name', value: 'helper' }],
    ],
    [
      'setField name removed',
      '02_system_prompt.json',
      [{ op: 'setField', index: 2, field: 'name', value: null }],
    ],
    [
      'setField tool_call_id',
      '03_tool_calls.json',
      [{ op: 'setField', index: 3, field: 'tool_call_id', value: 'call_x' }],
    ],
    [
      'setContentText',
      '01_plain_conversation.json',
      [{ op: 'setContentText', index: 0, text: 'Hello, édité 😀' }],
    ],
    [
      'setContentJson',
      '01_plain_conversation.json',
      [{ op: 'setContentJson', index: 0, json: '[{"type": "text", "text": "typed"}]' }],
    ],
    [
      'setMessageJson',
      '01_plain_conversation.json',
      [{ op: 'setMessageJson', index: 3, json: '{"role": "assistant", "content": 5.0}' }],
    ],
    [
      'setToolCall',
      '03_tool_calls.json',
      [{ op: 'setToolCall', index: 2, callIndex: 0, name: 'renamed', arguments: '{"q": 1}' }],
    ],
    [
      'addToolCall',
      '01_plain_conversation.json',
      [{ op: 'addToolCall', index: 1, id: 'call_new', name: 'search', arguments: '{}' }],
    ],
    ['removeToolCall', '03_tool_calls.json', [{ op: 'removeToolCall', index: 2, callIndex: 0 }]],
    ['insert', '01_plain_conversation.json', [{ op: 'insert', index: 2, role: 'user', text: 'inserted' }]],
    [
      'insert at end from JSON',
      '01_plain_conversation.json',
      [{ op: 'insert', index: 4, json: '{"role": "user", "content": null}' }],
    ],
    ['duplicate', '01_plain_conversation.json', [{ op: 'duplicate', indices: [0, 2] }]],
    ['delete several', '03_tool_calls.json', [{ op: 'delete', indices: [4, 1, 2] }]],
    ['move up', '01_plain_conversation.json', [{ op: 'move', indices: [2, 3], direction: 'up' }]],
    ['move down', '01_plain_conversation.json', [{ op: 'move', indices: [0], direction: 'down' }]],
    [
      'setAdditionalState',
      '13_agent_state_with_planning.json',
      [{ op: 'setAdditionalState', json: '{"tools_version": 2}' }],
    ],
    [
      'remove additional_state',
      '13_agent_state_with_planning.json',
      [{ op: 'setAdditionalState', json: null }],
    ],
    [
      'rebuild: keep some, reorder, add one',
      '03_tool_calls.json',
      [
        {
          op: 'rebuild',
          messages: [{ keep: 0 }, { json: '{"role": "user", "content": "summary"}' }, { keep: 5 }],
        },
      ],
    ],
    [
      'a batch of several',
      '03_tool_calls.json',
      [
        { op: 'delete', indices: [0] },
        { op: 'setContentText', index: 0, text: 'now first' },
      ],
    ],
  ]

  for (const [label, fixture, commands] of cases) {
    it(label, () => {
      const { document } = openCopy(fixture)
      const before = plainMessages(document)
      const beforeState = JSON.stringify(document.currentField('additional_state'))
      const originalBytes = renderDocument(document)
      edit(document, ...commands)
      const after = plainMessages(document)
      const afterState = JSON.stringify(document.currentField('additional_state'))
      expect(JSON.stringify([after, afterState]), 'the command changed nothing').not.toBe(
        JSON.stringify([before, beforeState]),
      )
      expect(document.dirty).toBe(true)
      expect(document.undo()).toBe(true)
      expect(plainMessages(document)).toEqual(before)
      expect(JSON.stringify(document.currentField('additional_state'))).toBe(beforeState)
      expect(document.dirty).toBe(false)
      expect(renderDocument(document).equals(originalBytes)).toBe(true)
      expect(document.redo()).toBe(true)
      expect(plainMessages(document)).toEqual(after)
    })
  }
})

describe('edit semantics', () => {
  it('rebuild keeps the bytes and ids of the messages it keeps', () => {
    const { document } = openCopy('03_tool_calls.json')
    const keptId = document.idAt(5)
    const keptRaw = document.rawAt(5)
    edit(document, {
      op: 'rebuild',
      messages: [{ json: '{"role": "system", "content": "summary"}' }, { keep: 5 }, { keep: 5 }],
    })
    expect(document.items).toHaveLength(3)
    expect(document.idAt(1)).toBe(keptId)
    expect(document.rawAt(1)).toBe(keptRaw)
    expect(document.idAt(2)).not.toBe(keptId)
    expect(() => edit(document, { op: 'rebuild', messages: [{ keep: 9 }] })).toThrow(/no message 9/)
  })

  it('puts a new name where MARSYS writes it: after content, before tool_calls', () => {
    const { document } = openCopy('03_tool_calls.json')
    edit(document, { op: 'setField', index: 2, field: 'name', value: 'planner' })
    expect(Object.keys(document.plainAt(2) as object)).toEqual(['role', 'content', 'name', 'tool_calls'])
  })

  it('removes tool_calls entirely when the last call is removed', () => {
    const { document } = openCopy('01_plain_conversation.json')
    edit(document, { op: 'addToolCall', index: 1, id: 'c1', name: 'f', arguments: '{}' })
    edit(document, { op: 'removeToolCall', index: 1, callIndex: 0 })
    expect(document.plainAt(1)).not.toHaveProperty('tool_calls')
  })

  it('moves a block of selected messages together', () => {
    const { document } = openCopy('01_plain_conversation.json')
    const roles = () => plainMessages(document).map((m) => (m as { content: string }).content.slice(0, 12))
    const before = roles()
    edit(document, { op: 'move', indices: [1, 2], direction: 'up' })
    expect(roles()).toEqual([before[1], before[2], before[0], before[3]])
  })

  it('adds a placeholder result after the existing results of a call that has none', () => {
    const { document } = openCopy('03_tool_calls.json')
    const callIndex = plainMessages(document).findIndex((m) =>
      Array.isArray((m as { tool_calls?: unknown }).tool_calls),
    )
    const resultPositions = plainMessages(document).flatMap((m, i) =>
      (m as { role: string }).role === 'tool' ? [i] : [],
    )
    edit(document, { op: 'delete', indices: [resultPositions[0]] })
    expect(document.summary().unansweredToolCalls).toBe(1)
    edit(document, { op: 'addPlaceholderResults', index: callIndex })
    expect(document.summary().unansweredToolCalls).toBe(0)
    const added = plainMessages(document).find(
      (m) => (m as { content: unknown }).content === PLACEHOLDER_RESULT,
    ) as Record<string, unknown>
    expect(Object.keys(added)).toEqual(['role', 'content', 'tool_call_id', 'name'])
  })

  it('refuses a stale revision with CONFLICT and applies nothing', () => {
    const { document } = openCopy('01_plain_conversation.json')
    edit(document, { op: 'setContentText', index: 0, text: 'first' })
    expect(() => document.edit(0, [{ op: 'setContentText', index: 0, text: 'lost update' }])).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    )
    expect((document.plainAt(0) as { content: string }).content).toBe('first')
  })

  it('applies a batch all or nothing: an invalid command rolls back the ones before it', () => {
    const { document } = openCopy('01_plain_conversation.json')
    const before = plainMessages(document)
    expect(() =>
      edit(document, { op: 'delete', indices: [0] }, { op: 'setContentJson', index: 0, json: '{"broken": ' }),
    ).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', details: expect.objectContaining({ line: 1 }) }),
    )
    expect(plainMessages(document)).toEqual(before)
    expect(document.dirty).toBe(false)
  })

  it('keeps number text and unknown keys of edited messages', () => {
    const { document } = openCopy('01_plain_conversation.json')
    edit(document, {
      op: 'setMessageJson',
      index: 0,
      json: '{"role": "user", "content": 5.0, "x_custom": 1e+16}',
    })
    edit(document, { op: 'setField', index: 0, field: 'name', value: 'me' })
    expect(document.rawAt(0)).toBe(
      '{\n      "role": "user",\n      "content": 5.0,\n      "name": "me",\n      "x_custom": 1e+16\n    }',
    )
  })
})
