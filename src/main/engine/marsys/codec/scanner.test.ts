import { describe, expect, it } from 'vitest'
import { JsonSyntaxError, PyObject, dumpPyJson, parsePyJson } from '../../../../shared/pyjson'
import { MarsysFile } from './marsysFile'
import { SAVED_FIXTURES, readFixture } from '../../testing/codecTestkit'

function openError(text: string | Buffer): JsonSyntaxError {
  try {
    MarsysFile.open(typeof text === 'string' ? Buffer.from(text) : text)
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e
    throw e
  }
  throw new Error('expected a syntax error')
}

describe('scanner on every MARSYS file', () => {
  it.each(SAVED_FIXTURES)('%s: message spans hold exactly the messages Python would read', (name) => {
    const buf = readFixture(name)
    const file = MarsysFile.open(buf)
    const whole = parsePyJson(buf.toString('utf8')) as PyObject
    const messages = whole.get('messages') as unknown[]
    expect(file.messageCount).toBe(messages.length)
    messages.forEach((m, i) => {
      // The span is exactly the element as Python wrote it at indent level 2.
      expect(file.messageText(i)).toBe(dumpPyJson(m, { indent: 2, level: 2 }))
      expect(file.decodeMessage(i)).toEqual(m)
    })
    expect(file.entries.map((e) => e.key)).toEqual(whole.keys())
    expect(file.hasBom).toBe(false)
    expect(file.hasRawNonAscii).toBe(false)
  })
})

describe('scanner details', () => {
  it('accepts a UTF-8 BOM and reports it', () => {
    const file = MarsysFile.open(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFixture('01_plain_conversation.json')]),
    )
    expect(file.hasBom).toBe(true)
    expect(file.messageCount).toBe(4)
    expect(file.messageSpan(0).start).toBe(
      3 + readFixture('01_plain_conversation.json').indexOf('{\n      "role"'),
    )
  })

  it('handles raw UTF-8, escapes in keys and odd layouts', () => {
    const text =
      '{"memory\\u005ftype":"kg","messages":[ {"role":"user","content":"héllo 😀 \\"]"} ,[1],\n"x"],"z":{}}'
    const file = MarsysFile.open(Buffer.from(text))
    expect(file.memoryType).toBe('kg')
    expect(file.messageCount).toBe(3)
    expect(file.decodeMessagePlain(0)).toEqual({ role: 'user', content: 'héllo 😀 "]' })
    expect(file.messageText(1)).toBe('[1]')
    expect(file.messageKind(2)).toBe('string')
    expect(file.hasRawNonAscii).toBe(true)
    expect(file.unknownKeys).toEqual(['z'])
  })

  it('uses the last of duplicate messages members, as Python does', () => {
    const file = MarsysFile.open(Buffer.from('{"messages": [1, 2, 3], "messages": [4]}'))
    expect(file.messageCount).toBe(1)
    expect(file.messageText(0)).toBe('4')
  })

  it('reports messages that are not a list', () => {
    const file = MarsysFile.open(Buffer.from('{"messages": 5}'))
    expect(file.messagesKind).toBe('other')
    expect(file.messageCount).toBe(0)
    expect(MarsysFile.open(Buffer.from('{}')).messagesKind).toBe('missing')
  })

  it('indexes a top level that is not an object without messages', () => {
    const file = MarsysFile.open(Buffer.from('[{"role": "user"}]'))
    expect(file.topLevelKind).toBe('array')
    expect(file.messageCount).toBe(0)
  })

  it('reports the truncated MARSYS save with its position and surrounding text', () => {
    const e = openError(readFixture('invalid/truncated_by_failed_save.json'))
    // Python: "Expecting value: line 17 column 19 (char 283)"
    expect([e.line, e.column, e.offset, e.expected, e.found]).toEqual([
      17,
      19,
      283,
      'a value',
      'end of input',
    ])
    expect(e.context).toBe('          "when": \n                  ^')
  })

  it('keeps the messages before a syntax error readable in a progressive open', () => {
    const file = MarsysFile.openProgressive(readFixture('invalid/truncated_by_failed_save.json'))
    expect(file.ensureMessages(10)).toBe(1)
    expect(file.syntaxError?.line).toBe(17)
    expect(file.decodeMessagePlain(0)).toEqual({ role: 'user', content: 'ok' })
    expect(() => file.messageCount).toThrow(JsonSyntaxError)
  })

  // Lines and columns agree with CPython's json.loads messages for the same inputs.
  it.each([
    ['{"messages": [1 2]}', 1, 17, "',' or ']'", "'2'"],
    ['{"messages": [1,]}', 1, 17, 'a value', "']'"],
    ['{"a": 1,}', 1, 9, 'a key in double quotes', "'}'"],
    ['{"a" 1}', 1, 6, "':'", "'1'"],
    ['{"a": 1} x', 1, 10, 'end of input', "'x'"],
    ['{"a": "x\ny"}', 1, 9, 'an escape (\\n, \\t, \\u00XX) for the control character', 'U+000A'],
    ['{"a": tru}', 1, 7, 'a value', "'tru'"],
    ['{"a": "\\q"}', 1, 8, 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', "'\\'"],
    ['{"é": [1,\n  2,, 3]}', 2, 5, 'a value', "','"],
    ['', 1, 1, 'a value', 'end of input'],
  ])('%j → line %i column %i, expected %s, found %s', (text, line, column, expected, found) => {
    const e = openError(text)
    expect([e.line, e.column, e.expected, e.found]).toEqual([line, column, expected, found])
  })

  it('counts columns in characters after raw UTF-8 and after a BOM', () => {
    const e = openError(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"é😀": 1 2}')]))
    expect([e.line, e.column]).toEqual([1, 10])
  })

  it('accepts NaN and Infinity like Python', () => {
    const file = MarsysFile.open(Buffer.from('{"messages": [NaN, -Infinity, {"x": Infinity}]}'))
    expect(file.messageCount).toBe(3)
    expect(file.decodeMessagePlain(2)).toEqual({ x: Infinity })
  })

  it('records invalid UTF-8 without failing the scan', () => {
    const file = MarsysFile.open(
      Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    )
    expect(file.invalidUtf8Offset).toBe(7)
  })
})

describe('progressive scanning', () => {
  it('delivers the first messages of the large file after scanning only a little of it', () => {
    const buf = readFixture('12_large_20000.json')
    const file = MarsysFile.openProgressive(buf)
    expect(file.ensureMessages(100)).toBe(100)
    expect(file.isComplete).toBe(false)
    expect(file.progress.bytesScanned).toBeLessThan(buf.length / 50)
    expect(file.memoryType).toBe('conversation_history')
    expect(file.decodeMessagePlain(99)).toHaveProperty('role')
    expect(file.messageCount).toBe(20001)
    expect(file.isComplete).toBe(true)
  })

  it('finishes in the background in slices, reporting progress', async () => {
    const file = MarsysFile.openProgressive(readFixture('12_large_20000.json'))
    const seen: number[] = []
    await file.scanInBackground({ chunkBytes: 1 << 20, onProgress: (p) => seen.push(p.messagesFound) })
    expect(file.isComplete).toBe(true)
    expect(seen.length).toBeGreaterThan(3)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(seen.at(-1)).toBe(20001)
  })

  it('rejects the background scan with the syntax error', async () => {
    const file = MarsysFile.openProgressive(readFixture('invalid/truncated_by_failed_save.json'))
    await expect(file.scanInBackground()).rejects.toThrow(/line 17, column 19/)
  })
})
