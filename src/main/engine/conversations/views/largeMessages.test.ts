import { describe, expect, it } from 'vitest'
import { MESSAGE_TEXT_LIMIT } from '../../../../shared/model/document'
import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { Conversation } from '../conversation'
import { diagnoseMarsysFile } from '../files/diagnose'
import { MarsysFileSource } from '../files/marsysFileSource'
import { RowOrders } from '../index/rowOrders'
import { messageDetail, messageText, rowWindow } from './conversationViews'

/** The real file source, counting which original messages are decoded. */
class CountingSource extends MarsysFileSource {
  decoded: number[] = []
  override plainOriginal(position: number): unknown {
    this.decoded.push(position)
    return super.plainOriginal(position)
  }
}

const HUGE = 20 * 1024 * 1024
/** Other large texts: big enough to be cut, small enough to keep the test quick. */
const BIG = 1024 * 1024

let opened: ReturnType<typeof open> | undefined

/** One conversation for all tests (indexing 20 MB takes a while); each test starts counting afresh. */
function openLarge(): ReturnType<typeof open> {
  opened ??= open()
  opened.source.decoded = []
  return opened
}

function open() {
  const content = `  First   line\n${'word '.repeat(HUGE / 5)}the end`
  const messages = [
    { role: 'user', content: 'small' },
    { role: 'user', content },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'put', arguments: `"${'x'.repeat(BIG)}"` } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'short' },
        { type: 'text', text: 'y'.repeat(BIG) },
      ],
    },
  ]
  const bytes = Buffer.from(JSON.stringify({ memory_type: 'conversation_history', messages }))
  const source = new CountingSource('/large.json', { bytes, mtimeMs: 0 }, diagnoseMarsysFile)
  const counter = new DefaultTokenCounter()
  const conversation = new Conversation('large', source, (message) => counter.countMessage(message))
  conversation.index.buildAll()
  return { conversation, source, content }
}

describe('a message of 20 MB', () => {
  it('pages in the table without being decoded again, with a short preview', () => {
    const { conversation, source } = openLarge()
    const window = rowWindow(conversation, new RowOrders(), { offset: 0, limit: 10 })
    expect(source.decoded).toEqual([0])
    expect(window.rows[1].preview).toMatch(/^First line word word /)
    expect(window.rows[1].preview).toHaveLength(200)
    expect(window.rows[2]).toMatchObject({
      toolCallNames: ['put'],
      preview: expect.stringMatching(/^→ put\("x+…$/),
    })
    expect(window.rows[3].preview).toMatch(/^short y+…$/)
  })

  it('comes in a detail with at most MESSAGE_TEXT_LIMIT characters of each text and their full lengths', () => {
    const { conversation, content } = openLarge()
    const detail = messageDetail(conversation, 1)
    expect(detail.parts).toEqual([
      {
        kind: 'text',
        text: content.slice(0, MESSAGE_TEXT_LIMIT),
        partIndex: null,
        totalLength: content.length,
      },
    ])
    expect(detail.raw).toHaveLength(MESSAGE_TEXT_LIMIT)
    expect(detail.rawLength).toBe(conversation.rawAt(1).length)
    const call = messageDetail(conversation, 2).toolCalls[0]
    expect(call).toMatchObject({ arguments: expect.stringMatching(/^"x+$/), argumentsLength: BIG + 2 })
    expect(call.arguments).toHaveLength(MESSAGE_TEXT_LIMIT)
    expect(call.parsedArguments).toBeUndefined()
    const parts = messageDetail(conversation, 3).parts
    expect(parts.map((part) => (part.kind === 'text' ? [part.text.length, part.totalLength] : null))).toEqual(
      [
        [5, undefined],
        [MESSAGE_TEXT_LIMIT, BIG],
      ],
    )
    for (const index of [1, 2, 3])
      expect(JSON.stringify(messageDetail(conversation, index)).length).toBeLessThan(4 * MESSAGE_TEXT_LIMIT)
  })

  it('gives the rest of a text in ranges on demand', () => {
    const { conversation, content } = openLarge()
    const end = messageText(
      conversation,
      1,
      undefined,
      { kind: 'part', partIndex: null },
      content.length - 9,
      100,
    )
    expect(end).toEqual({ text: 'd the end', offset: content.length - 9, totalLength: content.length })
    const part = messageText(conversation, 3, conversation.idAt(3), { kind: 'part', partIndex: 1 }, 0, 3)
    expect(part).toEqual({ text: 'yyy', offset: 0, totalLength: BIG })
    const raw = messageText(conversation, 1, undefined, { kind: 'raw' }, 0, 20)
    expect(raw.text).toBe('{"role":"user","cont')
    expect(() => messageText(conversation, 0, undefined, { kind: 'part', partIndex: 2 }, 0, 1)).toThrow(
      /no text part 2/,
    )
  })
})

describe('reading a large text in ranges', () => {
  function openOne() {
    const content = `start ${'z'.repeat(BIG)} end`
    const messages = [
      { role: 'user', content: 'small' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'short' },
          { type: 'text', text: content },
        ],
      },
    ]
    const bytes = Buffer.from(JSON.stringify({ memory_type: 'conversation_history', messages }))
    const source = new CountingSource('/ranges.json', { bytes, mtimeMs: 0 }, diagnoseMarsysFile)
    const counter = new DefaultTokenCounter()
    const conversation = new Conversation('ranges', source, (message) => counter.countMessage(message))
    conversation.index.buildAll()
    source.decoded = []
    return { conversation, source, content }
  }
  const part = { kind: 'part', partIndex: 1 } as const
  const chunk = 256 * 1024

  it('decodes the message once for a sequence of ranges', () => {
    const { conversation, source, content } = openOne()
    let read = ''
    for (let offset = 0; offset < content.length; offset += chunk)
      read += messageText(conversation, 1, conversation.idAt(1), part, offset, chunk).text
    expect(read).toBe(content)
    expect(source.decoded).toEqual([1])
    // Another text of the same message, or a small one, is read as it is.
    expect(messageText(conversation, 1, undefined, { kind: 'part', partIndex: 0 }, 0, 10).text).toBe('short')
    expect(messageText(conversation, 0, undefined, { kind: 'part', partIndex: null }, 0, 10).text).toBe(
      'small',
    )
  })

  it('answers from the edited text after an edit, and from the original after undo', () => {
    const { conversation, content } = openOne()
    expect(messageText(conversation, 1, undefined, part, 0, 5).text).toBe('start')
    const edited = `again ${'q'.repeat(BIG)} fin`
    const json = JSON.stringify({
      role: 'user',
      content: [
        { type: 'text', text: 'short' },
        { type: 'text', text: edited },
      ],
    })
    conversation.edit(conversation.revision, [{ op: 'setMessageJson', index: 1, json }])
    expect(messageText(conversation, 1, undefined, part, 0, 5)).toEqual({
      text: 'again',
      offset: 0,
      totalLength: edited.length,
    })
    expect(messageText(conversation, 1, undefined, part, edited.length - 3, 10).text).toBe('fin')
    const raw = messageText(conversation, 1, undefined, { kind: 'raw' }, 0, 30)
    expect(raw.text).toMatch(/^\{\s+"role": "user",/)
    expect(
      messageText(conversation, 1, undefined, { kind: 'raw' }, raw.totalLength - 200, 200).text,
    ).toContain(' fin"')
    conversation.undo()
    expect(messageText(conversation, 1, undefined, part, content.length - 3, 10)).toEqual({
      text: 'end',
      offset: content.length - 3,
      totalLength: content.length,
    })
  })
})
