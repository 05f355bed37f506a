import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePyJson } from '../../../../shared/pyjson'
import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { pyLen } from '../../../../shared/tokens/pyText'
import { MARSYS_FIXTURES } from '../../testing/fixtures'
import { newByteStats, skipString } from './byteSyntax'
import { MarsysFile } from './marsysFile'
import { ShapeKind } from './messageShapes'
import { MarsysScanner } from './scanner'
import { SAVED_FIXTURES, readFixture } from '../../testing/codecTestkit'

const counter = new DefaultTokenCounter()
const HANDMADE = readdirSync(join(MARSYS_FIXTURES, 'load_inputs_handmade'))
  .filter((f) => f.endsWith('.json') && f !== 'not_json.json')
  .map((f) => join('load_inputs_handmade', f))

/** Python's `len()` of every string literal in the bytes, as counted during the scan and after decoding. */
function stringLengths(buf: Uint8Array): { scanned: number; decoded: number }[] {
  const stats = newByteStats()
  const out: { scanned: number; decoded: number }[] = []
  for (let p = 0; p < buf.length;) {
    if (buf[p] !== 0x22) {
      p++
      continue
    }
    const end = skipString(buf, p, stats)
    const text = parsePyJson(Buffer.from(buf.subarray(p, end)).toString('utf8')) as string
    out.push({ scanned: stats.stringCodePoints, decoded: pyLen(text) })
    p = end
  }
  return out
}

function tokensOf(json: string): { scanned: number | null; decoded: number } {
  const file = MarsysFile.open(Buffer.from(`{"messages": [${json}]}`))
  return { scanned: file.marsysTokens(0), decoded: counter.countMessage(parsePyJson(json)) }
}

describe('code points counted during the byte scan', () => {
  it.each([...SAVED_FIXTURES, ...HANDMADE])('%s: every string counts what pyLen counts', (name) => {
    const lengths = stringLengths(readFixture(name))
    for (const { scanned, decoded } of lengths) expect(scanned).toBe(decoded)
  })

  it.each([
    ['plain ascii', '"hello"', 5],
    ['empty', '""', 0],
    ['simple escapes', String.raw`"a\nb\t\"\\\/"`, 7],
    ['a BMP escape', String.raw`"caf\u00e9"`, 4],
    ['an escaped surrogate pair is one character', String.raw`"\ud83d\ude00!"`, 2],
    ['a reversed pair is two', String.raw`"\ude00\ud83d"`, 2],
    ['a lone high surrogate then text', String.raw`"\ud83dx"`, 2],
    ['a high surrogate then a non-surrogate escape', String.raw`"\ud83d\u0041"`, 2],
    ['raw two-, three- and four-byte UTF-8', '"é€😀"', 3],
    ['uppercase hex', String.raw`"\uD83D\uDE00"`, 1],
  ])('%s', (_name, literal, expected) => {
    const stats = newByteStats()
    const buf = Buffer.from(literal)
    expect(skipString(buf, 0, stats)).toBe(buf.length)
    expect(stats.stringCodePoints).toBe(expected)
    expect(pyLen(JSON.parse(literal) as string)).toBe(expected)
  })
})

describe('strings read four bytes at a time', () => {
  const SPECIALS = ['\\"', '\\n', 'é', '😀', '\\u00e9']

  it('finds the end and the code points wherever the string and its special characters sit', () => {
    for (let shift = 0; shift < 8; shift++) {
      for (let at = 0; at < 24; at++) {
        for (const special of SPECIALS) {
          const literal = `"${'a'.repeat(at)}${special}${'b'.repeat(23 - at)}"`
          const buf = Buffer.from(' '.repeat(shift) + literal + ' ')
          const stats = newByteStats()
          expect(skipString(buf, shift, stats)).toBe(shift + Buffer.byteLength(literal))
          expect(stats.stringCodePoints).toBe(pyLen(JSON.parse(literal) as string))
        }
      }
    }
  })

  it('ends strings of every length, short ones (read byte by byte first) and long ones, at the buffer end too', () => {
    for (let length = 0; length < 48; length++) {
      for (const tail of ['', ' ', '  , "x"']) {
        const literal = `"${'k'.repeat(length)}"`
        const buf = Buffer.from(literal + tail)
        const stats = newByteStats()
        expect(skipString(buf, 0, stats)).toBe(literal.length)
        expect(stats.stringCodePoints).toBe(length)
      }
      const escaped = `"${'k'.repeat(length)}${String.raw`\\`}"`
      const stats = newByteStats()
      expect(skipString(Buffer.from(escaped), 0, stats)).toBe(escaped.length)
      expect(stats.stringCodePoints).toBe(length + 1)
    }
  })

  it('still refuses a raw control character and an unclosed string at any place', () => {
    for (let at = 0; at < 24; at++) {
      const control = Buffer.from(`"${'a'.repeat(at)}\t${'b'.repeat(23 - at)}"`)
      expect(() => skipString(control, 0, newByteStats())).toThrow(/control character/)
      const unclosed = Buffer.from(`"${'a'.repeat(at)}`)
      expect(() => skipString(unclosed, 0, newByteStats())).toThrow(/closing the string/)
    }
  })

  it('reads a view that starts inside a bigger buffer', () => {
    const whole = Buffer.from('xyz"abcdefghijklmnop\\"qrstuvwxyz" ')
    for (let start = 0; start < 3; start++) {
      const view = whole.subarray(start)
      const stats = newByteStats()
      expect(skipString(view, 3 - start, stats)).toBe(whole.length - 1 - start)
      expect(stats.stringCodePoints).toBe(27)
    }
  })
})

describe('MARSYS tokens from the scan', () => {
  it.each([...SAVED_FIXTURES, ...HANDMADE])(
    '%s: equal DefaultTokenCounter on the decoded messages',
    (name) => {
      const file = MarsysFile.open(readFixture(name))
      if (file.messagesKind !== 'list') return
      for (let i = 0; i < file.messageCount; i++) {
        const message = file.decodeMessage(i)
        const expected = file.messageKind(i) === 'object' ? counter.countMessage(message) : null
        expect(file.marsysTokens(i), `message ${i}`).toBe(expected)
      }
    },
  )

  it('gives the same total as counting every decoded message, on the large fixture', () => {
    const file = MarsysFile.open(readFixture('12_large_20000.json'))
    const messages = Array.from({ length: file.messageCount }, (_, i) => file.decodeMessagePlain(i))
    expect(file.marsysTokenTotal).toBe(counter.countMessages(messages).total)
  })

  it.each([
    ['string content', '{"role": "user", "content": "abcdefghijklmnopq"}'],
    ['null, number and literal content', '{"content": null}'],
    ['number content', '{"content": 12345}'],
    ['boolean content', '{"content": true}'],
    ['a name', '{"role": "user", "name": "alice_the_agent", "content": "hi"}'],
    ['an empty name and a null name', '{"name": "", "content": "x"}'],
    ['a null name', '{"name": null}'],
    ['a tool result', '{"role": "tool", "tool_call_id": "call_1", "content": "42"}'],
    ['an empty tool_call_id', '{"role": "tool", "tool_call_id": "", "content": "42"}'],
    [
      'tool calls',
      '{"role": "assistant", "content": null, "tool_calls": [{"id": "a", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}}, {"id": "b", "function": {"name": "x", "arguments": "{}"}}]}',
    ],
    ['a call without function', '{"tool_calls": [{"id": "a"}]}'],
    ['a function without arguments', '{"tool_calls": [{"function": {"name": "abc"}}]}'],
    ['a function that is not a dict', '{"tool_calls": [{"function": null}, {"function": "f"}]}'],
    ['a null function name', '{"tool_calls": [{"function": {"name": null, "arguments": "{}"}}]}'],
    ['empty and null tool_calls', '{"tool_calls": [], "content": "abcd"}'],
    ['null tool_calls', '{"tool_calls": null}'],
    [
      'duplicate keys keep the last value',
      '{"content": "a", "content": "abcdefgh", "name": "n", "name": ""}',
    ],
    [
      'duplicate function keys',
      '{"tool_calls": [{"function": {"name": "a"}, "function": {"name": "abcdefgh", "arguments": "xy"}}]}',
    ],
    ['an escaped key', '{"cont\\u0065nt": "abcdefgh"}'],
    ['list content', '{"content": [{"type": "text", "text": "hello"}, {"type": "image_url"}]}'],
    [
      'list content with odd parts',
      '{"content": ["abcdefg", {"type": "text"}, {"text": "abcdefgh", "type": "text", "text": "é"}, {"type": "image_url", "image_url": {"url": "data:x"}}, {"type": "text", "text": "abcde"}]}',
    ],
    ['an empty content list', '{"content": []}'],
    ['a part of another type', '{"content": [{"type": "input_audio", "data": "abc"}]}'],
    ['a part without a type', '{"content": [{"text": "abcdefgh"}]}'],
    ['an escaped type', '{"content": [{"type": "t\\u0065xt", "text": "abcdefgh"}]}'],
    ['a text that is not a string', '{"content": [{"type": "text", "text": null}]}'],
    ['a text that is a list', '{"content": [{"type": "text", "text": ["a", "b"]}]}'],
    ['a number item', '{"content": [12345, {"type": "text", "text": "abcd"}]}'],
    ['list content then string content', '{"content": [{"type": "image_url"}], "content": "abcdefgh"}'],
    ['string content then list content', '{"content": "abcdefgh", "content": [{"type": "image_url"}]}'],
    ['dict content', '{"content": {"a": "é"}}'],
    ['a numeric name', '{"name": 12}'],
    ['non-string arguments', '{"tool_calls": [{"function": {"name": "a", "arguments": {"x": 1}}}]}'],
    ['a tool call that is not a dict', '{"tool_calls": ["x"]}'],
    ['a non-list tool_calls', '{"tool_calls": "abc"}'],
    ['astral text', '{"content": "😀😀😀😀\\ud83d\\ude00"}'],
  ])('%s', (_name, json) => {
    const { scanned, decoded } = tokensOf(json)
    expect(scanned).toBe(decoded)
  })

  it('counts text and image parts from the scan, without decoding the message', () => {
    const json = '{"messages": [{"content": [{"type": "text", "text": "abcdefgh"}, {"type": "image_url"}]}]}'
    const scanner = new MarsysScanner(Buffer.from(json))
    scanner.step(Infinity)
    expect(scanner.messageShapes.kind(0)).toBe(ShapeKind.Known)
    expect(counter.countShape(scanner.messageShapes.shape(0)!)).toBe(3 + 2 + 800)
  })

  it('decodes messages holding invalid UTF-8 instead of trusting the byte count', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"messages": [{"content": "ab'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('cdefgh"}]}'),
    ])
    const file = MarsysFile.open(bytes)
    expect(file.marsysTokens(0)).toBe(counter.countMessage(file.decodeMessagePlain(0)))
  })

  it('skips entries that are not objects, as MARSYS does', () => {
    const file = MarsysFile.open(Buffer.from('{"messages": [1, "x", {"content": "abcd"}]}'))
    expect([0, 1, 2].map((i) => file.marsysTokens(i))).toEqual([null, null, 4])
    expect(file.marsysTokenTotal).toBe(4)
  })

  it('counts only the last messages list when the key is duplicated', () => {
    const file = MarsysFile.open(
      Buffer.from('{"messages": [{"content": "aaaaaaaaaaaa"}], "messages": [{"content": "abcd"}]}'),
    )
    expect(file.messageCount).toBe(1)
    expect(file.marsysTokens(0)).toBe(4)
  })
})
