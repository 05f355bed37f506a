import { describe, expect, it } from 'vitest'
import {
  PyNumber,
  PyObject,
  dumpPyJson,
  parsePyJson,
  pyFloatRepr,
  type PyValue,
} from '../../../../shared/pyjson'
import { MarsysFile } from './marsysFile'
import { SAVED_FIXTURES, lineDiff, lineOf, readFixture } from '../../testing/codecTestkit'
import {
  createMarsysFile,
  keepMessage,
  newMessage,
  saveMarsysFile,
  saveMarsysFileChunks,
  type MessageSource,
} from './writer'

const SAVE_TIME = 1795317999.1234567
const identity = (n: number): MessageSource[] => Array.from({ length: n }, (_, i) => keepMessage(i))

/** What CPython's json.dump(indent=2) writes for the whole document after the same change. */
function pythonWould(buf: Buffer, change: (doc: PyObject) => void): string {
  const doc = parsePyJson(buf.toString('utf8')) as PyObject
  change(doc)
  doc.set('timestamp', new PyNumber(pyFloatRepr(SAVE_TIME)))
  return dumpPyJson(doc, { indent: 2 })
}

const messagesOf = (doc: PyObject): PyValue[] => doc.get('messages') as PyValue[]

describe('resave without changes', () => {
  it.each(SAVED_FIXTURES)('%s: returns the original bytes, timestamp untouched', (name) => {
    const buf = readFixture(name)
    const file = MarsysFile.open(buf)
    expect(saveMarsysFile(file)).toBe(buf)
    const again = saveMarsysFile(file, { messages: identity(file.messageCount) })
    expect(again.equals(buf)).toBe(true)
  })
})

describe('edit one message', () => {
  const editable = SAVED_FIXTURES.filter((n) => MarsysFile.open(readFixture(n)).messageCount > 0)

  it.each(editable)(
    '%s: only that message and the timestamp change, exactly as Python writes them',
    (name) => {
      const buf = readFixture(name)
      const file = MarsysFile.open(buf)
      const target = Math.floor(file.messageCount / 2)
      const edited = file.decodeMessage(target)
      const replacement: PyValue =
        edited instanceof PyObject ? new PyObject(edited.entries).set('content', 'edited ✓ \ud83d') : 'edited'
      const sources = identity(file.messageCount)
      sources[target] = newMessage(replacement)

      const out = saveMarsysFile(file, { messages: sources, timestamp: SAVE_TIME })

      expect(out.toString('utf8')).toBe(pythonWould(buf, (doc) => (messagesOf(doc)[target] = replacement)))
      if (buf.length < 100_000) {
        const { start, end } = file.messageSpan(target)
        const messageLines = new Set<number>()
        for (let l = lineOf(buf, start); l <= lineOf(buf, end); l++) messageLines.add(l)
        const timestampLine = lineOf(buf, file.entry('timestamp')!.valueStart)
        const { removed } = lineDiff(buf.toString('utf8'), out.toString('utf8'))
        expect(removed.length).toBeGreaterThan(0)
        for (const line of removed) expect(line === timestampLine || messageLines.has(line)).toBe(true)
        expect(removed).toContain(timestampLine)
      }
    },
  )
})

describe('reshaping the message list', () => {
  const buf = readFixture('03_tool_calls.json')
  const file = MarsysFile.open(buf)
  const n = file.messageCount

  it('inserts a new message', () => {
    const added = new PyObject([
      ['role', 'user'],
      [
        'content',
        [
          new PyObject([
            ['type', 'text'],
            ['text', 'x'],
          ]),
        ],
      ],
    ])
    const sources = identity(n)
    sources.splice(2, 0, newMessage(added))
    const out = saveMarsysFile(file, { messages: sources, timestamp: SAVE_TIME })
    expect(out.toString()).toBe(pythonWould(buf, (doc) => messagesOf(doc).splice(2, 0, added)))
  })

  it('deletes messages, including the first and the last', () => {
    const sources = identity(n).filter((_, i) => i !== 0 && i !== 4 && i !== n - 1)
    const out = saveMarsysFile(file, { messages: sources, timestamp: SAVE_TIME })
    expect(out.toString()).toBe(
      pythonWould(buf, (doc) =>
        doc.set(
          'messages',
          messagesOf(doc).filter((_, i) => i !== 0 && i !== 4 && i !== n - 1),
        ),
      ),
    )
  })

  it('moves messages', () => {
    const order = [3, 0, 1, 2, ...Array.from({ length: n - 4 }, (_, i) => i + 4).reverse()]
    const out = saveMarsysFile(file, { messages: order.map(keepMessage), timestamp: SAVE_TIME })
    expect(out.toString()).toBe(
      pythonWould(buf, (doc) =>
        doc.set(
          'messages',
          order.map((i) => messagesOf(doc)[i]),
        ),
      ),
    )
  })

  it('accepts plain JS messages built by code', () => {
    const out = saveMarsysFile(file, {
      messages: [newMessage({ role: 'user', content: 'hi', n: 1.5 })],
      timestamp: SAVE_TIME,
    })
    expect(MarsysFile.open(out).decodeMessagePlain(0)).toEqual({ role: 'user', content: 'hi', n: 1.5 })
  })

  it('goes from an empty list to a non-empty one and back, as Python writes both', () => {
    const empty = readFixture('11_empty_conversation.json')
    const message = new PyObject([
      ['role', 'user'],
      ['content', 'hi'],
    ])
    const filled = saveMarsysFile(MarsysFile.open(empty), {
      messages: [newMessage(message)],
      timestamp: SAVE_TIME,
    })
    expect(filled.toString()).toBe(pythonWould(empty, (doc) => doc.set('messages', [message])))
    const emptied = saveMarsysFile(MarsysFile.open(filled), { messages: [], timestamp: SAVE_TIME })
    expect(emptied.toString()).toBe(pythonWould(empty, () => {}))
  })

  it('refuses a source that points past the original messages', () => {
    expect(() => saveMarsysFile(file, { messages: [keepMessage(n)] })).toThrow(RangeError)
  })
})

describe('timestamp', () => {
  it('is written as a Python float repr, even when integral', () => {
    const file = MarsysFile.open(readFixture('01_plain_conversation.json'))
    const out = saveMarsysFile(file, { messages: [keepMessage(1)], timestamp: 1795317863 })
    expect(out.toString()).toMatch(/\n {2}"timestamp": 1795317863\.0\n}$/)
  })

  it('defaults to the current time', () => {
    const file = MarsysFile.open(readFixture('01_plain_conversation.json'))
    const before = Date.now() / 1000
    const saved = MarsysFile.open(saveMarsysFile(file, { messages: [keepMessage(0)] }))
    expect(saved.timestamp).toBeGreaterThanOrEqual(before - 0.01)
    expect(saved.timestamp).toBeLessThan(before + 60)
  })
})

describe('additional_state', () => {
  it('keeps bare NaN / Infinity and int-like keys through a message edit', () => {
    const buf = readFixture('15_nan_in_additional_state.json')
    const file = MarsysFile.open(buf)
    const state = file.additionalState as PyObject
    expect(state.keys()).toEqual(['score', 'inf', '7', 'none'])
    expect((state.get('score') as PyNumber).raw).toBe('NaN')
    const out = saveMarsysFile(file, {
      messages: [newMessage({ role: 'user', content: 'y' })],
      timestamp: SAVE_TIME,
    })
    expect(out.toString()).toContain(
      '"additional_state": {\n    "score": NaN,\n    "inf": Infinity,\n    "7": "int key',
    )
    expect(MarsysFile.open(out).additionalState).toEqual(state)
  })

  it('round-trips when written back as decoded, byte for byte apart from the timestamp', () => {
    for (const name of ['15_nan_in_additional_state.json', '13_agent_state_with_planning.json']) {
      const buf = readFixture(name)
      const file = MarsysFile.open(buf)
      const out = saveMarsysFile(file, {
        additionalState: { value: file.additionalState },
        timestamp: SAVE_TIME,
      })
      expect(out.toString()).toBe(pythonWould(buf, () => {}))
    }
  })

  it('is replaced, added after timestamp, and removed when falsy', () => {
    const buf = readFixture('01_plain_conversation.json')
    const file = MarsysFile.open(buf)
    const state = { tools_version: 3, plan: null }
    const added = saveMarsysFile(file, { additionalState: { value: state }, timestamp: SAVE_TIME })
    expect(added.toString()).toBe(
      pythonWould(buf, (doc) => doc.set('additional_state', PyObject.from(state))),
    )
    const removed = saveMarsysFile(MarsysFile.open(added), {
      additionalState: { value: {} },
      timestamp: SAVE_TIME,
    })
    expect(removed.toString()).toBe(pythonWould(buf, () => {}))
  })
})

describe('files MARSYS did not write', () => {
  it('keeps unknown top-level keys and odd layout in place', () => {
    const buf = readFixture('load_inputs_handmade/extra_keys_ignored.json')
    const file = MarsysFile.open(buf)
    const out = saveMarsysFile(file, {
      messages: [newMessage({ role: 'user', content: 'x' })],
      timestamp: SAVE_TIME,
    })
    const text = out.toString()
    expect(
      text.startsWith('{\n  "memory_type": "conversation_history",\n  "version": 2,\n  "messages": [\n'),
    ).toBe(true)
    expect(text.endsWith(`  ],\n  "timestamp": ${pyFloatRepr(SAVE_TIME)}\n}`)).toBe(true)
  })

  it('copies untouched messages verbatim even in a compact, raw UTF-8 file', () => {
    const buf = Buffer.from(
      '{"memory_type":"kg","messages":[{"role":"user","content":"café"},{"role":"x"}],"timestamp":0}',
    )
    const file = MarsysFile.open(buf)
    const out = saveMarsysFile(file, {
      messages: [keepMessage(0), keepMessage(1), newMessage({ role: 'n' })],
      timestamp: 1.5,
    })
    expect(out.toString()).toBe(
      '{"memory_type":"kg","messages":[{"role":"user","content":"café"},{"role":"x"},\n    {\n      "role": "n"\n    }],"timestamp":1.5}',
    )
  })

  it('adds messages and timestamp to an empty object in MARSYS order', () => {
    const file = MarsysFile.open(readFixture('load_inputs_handmade/no_memory_type_no_messages.json'))
    const out = saveMarsysFile(file, {
      messages: [newMessage({ role: 'user', content: 'x' })],
      memoryType: 'kg',
      timestamp: 2.5,
    })
    expect(out.toString()).toBe(
      '{\n  "memory_type": "kg",\n  "messages": [\n    {\n      "role": "user",\n      "content": "x"\n    }\n  ],\n  "timestamp": 2.5\n}',
    )
  })

  it('replaces a messages value that is not a list', () => {
    const file = MarsysFile.open(readFixture('load_inputs_handmade/messages_not_list.json'))
    const out = saveMarsysFile(file, { messages: [], timestamp: 2.5 })
    expect(out.toString()).toBe(
      '{\n  "memory_type": "conversation_history",\n  "messages": [],\n  "timestamp": 2.5\n}',
    )
  })

  it('keeps or strips a BOM', () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFixture('01_plain_conversation.json')])
    const file = MarsysFile.open(buf)
    expect(saveMarsysFile(file)).toBe(buf)
    const stripped = saveMarsysFile(file, { stripBom: true, timestamp: SAVE_TIME })
    expect(stripped.toString()).toBe(pythonWould(readFixture('01_plain_conversation.json'), () => {}))
  })

  it('refuses to save a document that is not an object', () => {
    const file = MarsysFile.open(readFixture('load_inputs_handmade/top_level_list.json'))
    expect(() => saveMarsysFile(file, { messages: [] })).toThrow(/not an object/)
  })
})

describe('createMarsysFile', () => {
  it('writes what MARSYS save_to_file writes', () => {
    const buf = readFixture('01_plain_conversation.json')
    const original = MarsysFile.open(buf)
    const created = createMarsysFile({
      memoryType: 'conversation_history',
      messages: Array.from({ length: original.messageCount }, (_, i) => original.decodeMessage(i)),
      timestamp: original.timestamp,
      additionalState: {},
    })
    expect(created.equals(buf)).toBe(true)
  })

  it('adds a truthy additional_state last', () => {
    const created = createMarsysFile({
      memoryType: 'kg',
      messages: [],
      timestamp: 1,
      additionalState: { a: 1 },
    }).toString()
    expect(created).toBe(
      '{\n  "memory_type": "kg",\n  "messages": [],\n  "timestamp": 1.0,\n  "additional_state": {\n    "a": 1\n  }\n}',
    )
  })
})

describe('the large file', () => {
  it('opens, resaves identically, and takes a one-message edit', () => {
    const buf = readFixture('12_large_20000.json')
    const file = MarsysFile.open(buf)
    expect(file.messageCount).toBe(20001)
    expect(saveMarsysFile(file, { messages: identity(20001) }).equals(buf)).toBe(true)
    const sources = identity(20001)
    sources[12345] = newMessage({ role: 'user', content: 'changed' })
    const out = saveMarsysFile(file, { messages: sources, timestamp: SAVE_TIME })
    const reopened = MarsysFile.open(out)
    expect(reopened.messageCount).toBe(20001)
    expect(reopened.decodeMessagePlain(12345)).toEqual({ role: 'user', content: 'changed' })
    expect(reopened.messageBytes(12346).equals(file.messageBytes(12346))).toBe(true)
    const { start } = file.messageSpan(12345)
    expect(out.subarray(0, start).equals(buf.subarray(0, start))).toBe(true)
  })

  it('writes untouched runs of messages as single views of the file: a one-edit save is a handful of chunks', () => {
    const buf = readFixture('12_large_20000.json')
    const file = MarsysFile.open(buf)
    const sources = identity(20001)
    sources[12345] = newMessage({ role: 'user', content: 'changed' })
    const chunks = saveMarsysFileChunks(file, { messages: sources, timestamp: SAVE_TIME })
    expect(chunks.length).toBeLessThan(20)
    expect(
      Buffer.concat(chunks).equals(saveMarsysFile(file, { messages: sources, timestamp: SAVE_TIME })),
    ).toBe(true)
    // Moving a message breaks the run there and only there.
    const moved = identity(20001)
    ;[moved[100], moved[101]] = [moved[101], moved[100]]
    const movedChunks = saveMarsysFileChunks(file, { messages: moved, timestamp: SAVE_TIME })
    expect(movedChunks.length).toBeLessThan(30)
    const reopened = MarsysFile.open(Buffer.concat(movedChunks))
    expect(reopened.messageText(100)).toBe(file.messageText(101))
    expect(reopened.messageText(101)).toBe(file.messageText(100))
    expect(reopened.messageText(20000)).toBe(file.messageText(20000))
  })
})

describe('very long message lists', () => {
  it('saves an edit among 150,000 messages', () => {
    const n = 150_000
    const buf = createMarsysFile({
      memoryType: 'kg',
      messages: Array.from({ length: n }, () => 0),
      timestamp: 1,
    })
    const file = MarsysFile.open(buf)
    const sources = identity(n)
    sources[7] = newMessage(1)
    const out = saveMarsysFile(file, { messages: sources, timestamp: 2 })
    expect(out.length).toBe(buf.length)
    expect(MarsysFile.open(out).messageText(7)).toBe('1')
  })
})
