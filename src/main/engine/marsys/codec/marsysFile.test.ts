import { describe, expect, it } from 'vitest'
import { PyObject, toPlain } from '../../../../shared/pyjson'
import { locatePath, formatJsonPath } from './locatePath'
import { MarsysFile } from './marsysFile'
import { SAVED_FIXTURES, readFixture } from '../../testing/codecTestkit'

describe('MarsysFile', () => {
  it('reads the top-level members of a MARSYS file', () => {
    const file = MarsysFile.open(readFixture('13_agent_state_with_planning.json'))
    expect(file.memoryType).toBe('managed_conversation')
    expect(file.timestamp).toBe(Number(file.timestampText))
    expect(file.timestampText).toMatch(/^\d{10}\.\d+$/)
    expect(file.hasAdditionalState).toBe(true)
    expect((file.additionalState as PyObject).get('tools_version')).toBeTypeOf('number')
    expect(file.unknownKeys).toEqual([])
    expect(file.entries.map((e) => e.key)).toEqual([
      'memory_type',
      'messages',
      'timestamp',
      'additional_state',
    ])
  })

  it('has no timestamp or state when the file has none', () => {
    const file = MarsysFile.open(readFixture('load_inputs_handmade/no_memory_type_no_messages.json'))
    expect([file.memoryType, file.timestamp, file.additionalState, file.messageCount]).toEqual([
      undefined,
      undefined,
      undefined,
      0,
    ])
  })

  it.each(SAVED_FIXTURES)('%s: the fast plain decode agrees with the lossless one', (name) => {
    const file = MarsysFile.open(readFixture(name))
    const n = Math.min(file.messageCount, 300)
    for (let i = 0; i < n; i++) expect(file.decodeMessagePlain(i)).toEqual(toPlain(file.decodeMessage(i)))
  })

  it('gives message bytes as views and rejects indexes out of range', () => {
    const buf = readFixture('01_plain_conversation.json')
    const file = MarsysFile.open(buf)
    const bytes = file.messageBytes(1)
    expect(bytes.buffer).toBe(buf.buffer)
    expect(bytes.toString()).toBe(
      '{\n      "role": "assistant",\n      "content": "The capital of France is Paris."\n    }',
    )
    expect(() => file.messageSpan(4)).toThrow(RangeError)
    expect(() => file.messageSpan(-1)).toThrow(RangeError)
    expect(() => file.messageSpan(1.5)).toThrow(RangeError)
  })

  it('knows the top-level kind before scanning further', () => {
    const file = MarsysFile.openProgressive(readFixture('12_large_20000.json'))
    expect(file.topLevelKind).toBe('object')
    expect(file.messagesScanned).toBe(0)
    expect(MarsysFile.openProgressive(Buffer.from('  [1, 2')).topLevelKind).toBe('array')
    expect(MarsysFile.openProgressive(Buffer.from(' ')).topLevelKind).toBeUndefined()
  })

  it('counts lines and columns from any offset', () => {
    const file = MarsysFile.open(readFixture('01_plain_conversation.json'))
    const lines = file.lineCounter()
    expect(lines.at(file.messageStart(2))).toEqual(expect.objectContaining({ line: 12, column: 5 }))
    expect(lines.at(file.messageStart(0))).toEqual(expect.objectContaining({ line: 4, column: 5 }))
  })
})

describe('locatePath', () => {
  it('finds nested values, using the last duplicate key', () => {
    const buf = Buffer.from('{"a": [1, {"b": 2, "b": {"c": "x"}}]}')
    expect(buf.toString('utf8', locatePath(buf, 0, ['a', 1, 'b', 'c']))).toBe('"x"}}]}')
    expect(buf.toString('utf8', locatePath(buf, 0, ['a', 5]))).toBe(buf.toString('utf8', 6))
  })

  it('formats paths', () => {
    expect(formatJsonPath(['messages', 3, 'tool_calls', 0, 'function', 'arguments'])).toBe(
      '$.messages[3].tool_calls[0].function.arguments',
    )
    expect(formatJsonPath(['a b', 7])).toBe('$["a b"][7]')
  })
})

describe('ByteLineCounter', () => {
  it('agrees with a fresh count for offsets in any order, on one long line and across lines', () => {
    const buf = Buffer.from('{"é": [1, 2, 3],\n "b😀": "x"\n}')
    const file = MarsysFile.open(buf)
    const counter = file.lineCounter()
    const offsets = [0, 5, 9, 12, 17, 18, 27, 12, 30, 3]
    for (const offset of offsets) {
      const text = buf.toString('utf8', 0, offset)
      const line = text.split('\n').length
      const column = [...text.slice(text.lastIndexOf('\n') + 1)].length + 1
      expect(counter.at(offset)).toMatchObject({ line, column })
    }
  })
})
