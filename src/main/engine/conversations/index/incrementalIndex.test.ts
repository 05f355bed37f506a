import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditCommand } from '../../../../shared/model/edit'
import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { fixturePath } from '../../testing/fixtures'
import { Random } from '../../testing/random'
import { Conversation } from '../conversation'
import { diagnoseMarsysFile } from '../files/diagnose'
import type { FileConversation } from '../files/fileSaver'
import { MarsysFileSource } from '../files/marsysFileSource'
import { ConversationIndex, mergeSplices } from './conversationIndex'
import { flagsFromBits } from './flags'

let dir: string
const counter = new DefaultTokenCounter()

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mi-incremental-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function open(name: string): FileConversation {
  const path = join(dir, name)
  copyFileSync(fixturePath(name), path)
  const source = new MarsysFileSource(path, { bytes: readFileSync(path), mtimeMs: 0 }, diagnoseMarsysFile)
  const document = new Conversation('doc', source, (m) => counter.countMessage(m))
  document.index.buildAll()
  return document
}

/** Everything the index answers, in terms that do not depend on interning order. */
function snapshot(index: ConversationIndex) {
  const rows = Array.from({ length: index.count }, (_, i) => [
    index.roleOf(i),
    index.nameOf(i),
    index.tokens[i],
    index.toolCallCounts[i],
    flagsFromBits(index.flagBits[i]).join(','),
    index.answeredCall(i),
  ])
  return {
    rows,
    totals: [
      index.count,
      index.complete,
      index.totalTokens,
      index.toolCalls,
      index.unansweredToolCalls,
      index.orphanToolResults,
      index.unloadableMessages,
    ],
    roles: index.rolesMix(),
  }
}

function rebuilt(document: FileConversation): ConversationIndex {
  const index = new ConversationIndex(document.items.length, (i) => document.analysisAt(i), undefined, {
    conversationRules: document.source.conversationRules,
  })
  index.buildAll()
  return index
}

/** A patched index shares the pairing maps of the one it was patched from; a rebuilt one has its own. */
const isPatchOf = (index: ConversationIndex, from: ConversationIndex): boolean =>
  index['callsById'] === from['callsById']

const ROLES = ['user', 'assistant', 'system', 'tool']

/** A random edit: mostly in-place text, name and content edits (the patched path), some structural ones. */
function randomCommand(rng: Random, document: FileConversation): EditCommand | null {
  const count = document.items.length
  if (count === 0) return { op: 'insert', index: 0, json: '{"role": "user", "content": "hello"}' }
  const index = rng.int(0, count - 1)
  const plain = document.plainAt(index)
  const isObject = typeof plain === 'object' && plain !== null && !Array.isArray(plain)
  switch (rng.int(0, 9)) {
    case 0:
    case 1:
    case 2:
      return isObject
        ? { op: 'setContentText', index, text: rng.chance(0.2) ? '' : `text ${rng.int(0, 1e6)}` }
        : null
    case 3: {
      if (!isObject) return null
      const message = { ...(plain as Record<string, unknown>) }
      if (rng.chance(0.5)) message.name = `agent${rng.int(0, 3)}`
      else delete message.name
      return { op: 'setMessageJson', index, json: JSON.stringify(message) }
    }
    case 4: {
      if (!isObject) return null
      const message = { ...(plain as Record<string, unknown>), role: rng.pick(ROLES) }
      return { op: 'setMessageJson', index, json: JSON.stringify(message) }
    }
    case 5:
      return isObject ? { op: 'setMessageJson', index, json: '{"content": "no role"}' } : null
    case 6:
      return { op: 'delete', indices: [index] }
    case 7:
      return { op: 'duplicate', indices: [index] }
    case 8:
      return { op: 'move', indices: [index], direction: rng.chance(0.5) ? 'up' : 'down' }
    default:
      return {
        op: 'insert',
        index,
        json: JSON.stringify({
          role: rng.pick(ROLES),
          content: rng.chance(0.5) ? 'same' : `x${rng.int(0, 9)}`,
        }),
      }
  }
}

describe('the index after an edit (patched when it can be) equals a full rebuild', () => {
  const fixtures: [string, number][] = [
    ['01_plain_conversation.json', 150],
    ['02_system_prompt.json', 150],
    ['03_tool_calls.json', 150],
    ['05_images.json', 150],
    ['10_kg_facts.json', 150],
    ['11_empty_conversation.json', 60],
    ['13_agent_state_with_planning.json', 150],
    ['12_large_20000.json', 40],
  ]
  for (const [name, steps] of fixtures) {
    it(`${name}: ${steps} random edits, undos and redos`, () => {
      const rng = new Random(name.length * 7919)
      const document = open(name)
      let patched = 0
      for (let step = 0; step < steps; step++) {
        const before = document.index
        const roll = rng.next()
        if (roll < 0.15) document.undo()
        else if (roll < 0.25) document.redo()
        else {
          const command = randomCommand(rng, document)
          if (!command) continue
          try {
            document.edit(document.revision, [command])
          } catch {
            continue // a command the document refuses (e.g. moving the first message up)
          }
        }
        if (document.index !== before && isPatchOf(document.index, before)) patched++
        expect(snapshot(document.index), `step ${step}`).toEqual(snapshot(rebuilt(document)))
      }
      expect(patched).toBeGreaterThan(0)
    })
  }

  it('a content edit is patched: a new index object, the others untouched, the totals moved by the difference', () => {
    const document = open('03_tool_calls.json')
    const before = document.index
    const tokensBefore = before.totalTokens
    const at = document.items.findIndex((_, i) => document.index.roleOf(i) === 'user')
    const columnsBefore = snapshot(before)
    const tokensAtBefore = before.tokens[at]
    document.edit(document.revision, [
      { op: 'setContentText', index: at, text: 'a much longer text '.repeat(20) },
    ])
    expect(document.index).not.toBe(before)
    expect(isPatchOf(document.index, before)).toBe(true)
    // Patched in place, not copied: the edited message's token count is the only column value that moved.
    expect(document.index.tokens).toBe(before.tokens)
    expect(document.index.tokens[at]).toBeGreaterThan(tokensAtBefore)
    const tokenColumn = 2
    expect(snapshot(document.index).rows).toEqual(
      columnsBefore.rows.map((row, i) =>
        i === at
          ? row.map((value, column) => (column === tokenColumn ? document.index.tokens[at] : value))
          : row,
      ),
    )
    expect(document.index.totalTokens - tokensBefore).toBe(document.index.tokens[at] - tokensAtBefore)
    expect(snapshot(document.index)).toEqual(snapshot(rebuilt(document)))
  })
})

describe('tool-call pairing when an id is used more than once', () => {
  const message = (value: object): string => JSON.stringify(value)
  const call = (id: string): string =>
    message({
      role: 'assistant',
      content: null,
      tool_calls: [{ id, type: 'function', function: { name: 'f', arguments: '{}' } }],
    })
  const result = (id: string): string => message({ role: 'tool', content: 'ok', tool_call_id: id })

  function documentOf(messages: string[]): FileConversation {
    const bytes = Buffer.from(`{"memory_type": "conversation_history", "messages": [${messages.join(', ')}]}`)
    const source = new MarsysFileSource(join(dir, 'm.json'), { bytes, mtimeMs: 0 }, diagnoseMarsysFile)
    const document = new Conversation('doc', source, (m) => counter.countMessage(m))
    document.index.buildAll()
    return document
  }
  const indexOf = (messages: string[]): ConversationIndex => documentOf(messages).index

  it('answers each call with the first result after it, for ids made once, twice and three times', () => {
    const index = indexOf([
      call('a'), // 0: answered by 1
      result('a'), // 1
      call('b'), // 2: answered by 4 (the first "b" result after it)
      call('b'), // 3: answered by 4 too
      result('b'), // 4: answers the latest call before it, 3
      call('c'), // 5: never answered
      result('d'), // 6: answers nothing
      call('a'), // 7: answered by 8
      result('a'), // 8: answers 7
    ])
    const calls: [number, string][] = [
      [0, 'a'],
      [2, 'b'],
      [3, 'b'],
      [5, 'c'],
      [7, 'a'],
    ]
    expect(calls.map(([at, id]) => index.resultFor(at, id))).toEqual([1, 4, 4, null, 8])
    expect([1, 4, 6, 8].map((i) => index.answeredCall(i))).toEqual([0, 3, null, 7])
    expect(index.unansweredToolCalls).toBe(1)
    expect(index.orphanToolResults).toBe(1)
    expect(flagsFromBits(index.flagBits[5])).toContain('unanswered-tool-call')
    expect(flagsFromBits(index.flagBits[6])).toContain('orphan-tool-result')
  })

  /** Applies the command, checks the index was spliced (not rebuilt) and equals a rebuild. */
  function expectSplicedLikeRebuild(document: FileConversation, command: EditCommand): void {
    const before = document.index
    document.edit(document.revision, [command])
    expect(isPatchOf(document.index, before), 'spliced, not rebuilt').toBe(true)
    expect(snapshot(document.index)).toEqual(snapshot(rebuilt(document)))
  }

  it('an insert between uses of an id made twice keeps its positions in order', () => {
    const document = documentOf([call('a'), result('a'), call('a'), result('a'), call('b'), result('b')])
    expectSplicedLikeRebuild(document, { op: 'insert', index: 1, json: call('a') })
    expect([2, 4].map((i) => document.index.answeredCall(i))).toEqual([1, 3])
    expectSplicedLikeRebuild(document, { op: 'insert', index: 4, json: result('a') })
    expectSplicedLikeRebuild(document, { op: 'delete', indices: [0, 3] })
    expectSplicedLikeRebuild(document, { op: 'duplicate', indices: [1] })
    expectSplicedLikeRebuild(document, { op: 'move', indices: [2], direction: 'up' })
  })

  it('a tool message that makes the call it answers still answers itself after a splice', () => {
    const both = message({
      role: 'tool',
      content: 'ok',
      tool_call_id: 'x',
      tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '{}' } }],
    })
    // Made once before it (an answered call of its own) and once by itself: it answers itself, the later call.
    const document = documentOf([call('x'), message({ role: 'user', content: 'hi' }), both])
    expect(document.index.answeredCall(2)).toBe(2)
    expectSplicedLikeRebuild(document, { op: 'delete', indices: [1] })
    expect(document.index.answeredCall(1)).toBe(1)
  })
})

describe('splices joined before the index moves its positions', () => {
  it('joins a bulk delete (last first) and its undo (first first) into one splice each', () => {
    const deletes = [7, 6, 5, 4].map((start) => ({ start, removed: 1, inserted: 0 }))
    expect(mergeSplices(deletes)).toEqual([{ start: 4, removed: 4, inserted: 0 }])
    const inserts = [4, 5, 6, 7].map((start) => ({ start, removed: 0, inserted: 1 }))
    expect(mergeSplices(inserts)).toEqual([{ start: 4, removed: 0, inserted: 4 }])
    // Deleting at the same place again, or inserting before the last insert, is still one block.
    expect(
      mergeSplices([
        { start: 3, removed: 2, inserted: 0 },
        { start: 3, removed: 1, inserted: 0 },
      ]),
    ).toEqual([{ start: 3, removed: 3, inserted: 0 }])
    expect(
      mergeSplices([
        { start: 3, removed: 0, inserted: 2 },
        { start: 3, removed: 0, inserted: 1 },
      ]),
    ).toEqual([{ start: 3, removed: 0, inserted: 3 }])
  })

  it('keeps apart what is not next to each other, and replacements', () => {
    const apart = [
      { start: 9, removed: 1, inserted: 0 },
      { start: 2, removed: 1, inserted: 0 },
      { start: 5, removed: 1, inserted: 1 },
      { start: 5, removed: 0, inserted: 1 },
    ]
    expect(mergeSplices(apart)).toEqual(apart)
  })

  it('splices a bulk delete of 40 neighbours and its undo, each equal to a rebuild', () => {
    const path = join(dir, '03_tool_calls.json')
    copyFileSync(fixturePath('03_tool_calls.json'), path)
    const bytes = readFileSync(path)
    const document = new Conversation(
      'doc',
      new MarsysFileSource(path, { bytes, mtimeMs: 0 }, diagnoseMarsysFile),
      (m) => counter.countMessage(m),
    )
    document.index.buildAll()
    // 50 more messages, so that 40 neighbours can go at once.
    for (let i = 0; i < 50; i++)
      document.edit(document.revision, [
        { op: 'insert', index: 2, json: `{"role": "user", "content": "m${i}"}` },
      ])
    const before = document.index
    document.edit(document.revision, [{ op: 'delete', indices: Array.from({ length: 40 }, (_, i) => 5 + i) }])
    expect(isPatchOf(document.index, before)).toBe(true)
    expect(snapshot(document.index)).toEqual(snapshot(rebuilt(document)))
    const deleted = document.index
    document.undo()
    expect(isPatchOf(document.index, deleted)).toBe(true)
    expect(snapshot(document.index)).toEqual(snapshot(rebuilt(document)))
  })
})
