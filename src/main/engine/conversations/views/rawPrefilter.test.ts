import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildTextMatcher } from '../../../../shared/search/textMatcher'
import { MarsysFile } from '../../marsys/codec'
import { withConversationStore } from '../../testing/conversationStoreForTests'
import { rawPrefilterFor } from './rawPrefilter'
import { ALL_FIELDS, fieldTexts } from './conversationSearch'

/** Messages whose raw bytes spell searched text differently from the decoded text (each as raw JSON). */
const TRICKY_MESSAGES = [
  '{"role": "user", "content": "plain latency words"}',
  '{"role": "user", "content": "l\\u0061tency spelled with an escape"}',
  '{"role": "user", "content": "LATENCY \\u004Catency upper-case hex"}',
  '{"role": "user", "content": "line\\nbreak and tab\\there, quote \\"latency\\" and \\\\ backslash"}',
  '{"role": "user", "content": "caf\\u00e9 na\\u00efve \\ud83d\\ude00 r\\u00e9sum\\u00e9"}',
  '{"role": "user", "content": "café naïve 😀 résumé, raw UTF-8"}',
  '{"role": "user", "content": "Kelvin \\u212a and long s \\u017f and dotted \\u0130"}',
  '{"role": "user", "content": {"value": 1e2, "tiny": 0.0000001, "big": 12345678901234567890}}',
  '{"role": "user", "content": {"nan": NaN, "inf": Infinity, "text": "x\\u000ay"}}',
  '{"role": "user", "content": {"lone": "\\uD800", "ok": "\\ud801"}}',
  '{"role": "user", "content": {"low": "\\uDC0A", "lower": "\\udc0b"}}',
  '{"role": "user", "content": [{"type": "text", "text": "first"}, {"type": "image_url", "image_url": {"url": "x"}}, 7, true]}',
  '{"role": "user", "content": 1E3}',
  '{"role": "assistant", "content": null, "tool_calls": [{"id": "call_\\u0031", "type": "function", "function": {"name": "get_w\\u0065ather", "arguments": "{\\"city\\": \\"Par\\\\u0069s\\"}"}}]}',
  '{"role": "tool", "tool_call_id": "call_1", "name": "get_weather", "content": "sunny"}',
  '{"role": "assistant", "content": "args", "tool_calls": [{"id": "c2", "type": "function", "function": {"name": "f", "arguments": {"n": 5.0e0}}}]}',
  '"a string, not a message"',
  '42',
]

const QUERIES = [
  'latency',
  'Latency',
  'LATENCY',
  'atency',
  'latency"',
  'nbreak',
  'ty\\',
  'café',
  'résumé',
  'naïve 😀',
  'k',
  's',
  'i',
  'Kelvin K',
  '100',
  '1e-7',
  '1234567890123456',
  'e+',
  'null',
  'NaN',
  'Infinity',
  'ud800',
  'ud801',
  'udc0a',
  'udc0b',
  'xny',
  'first image',
  '[image]',
  '7 true',
  '1000',
  'call_1',
  'get_weather',
  'Paris',
  '\\u0069',
  '"n":5',
  'a string',
  '42',
  'sunny',
]

const fileOf = (messages: readonly string[]): Buffer =>
  Buffer.from(
    `{\n  "memory_type": "conversation_history",\n  "messages": [\n    ${messages.join(',\n    ')}\n  ]\n}\n`,
  )

describe('raw prefilter', () => {
  it('never rules out a message that a search of its decoded fields matches', () => {
    const file = MarsysFile.open(fileOf(TRICKY_MESSAGES))
    expect(file.messageCount).toBe(TRICKY_MESSAGES.length)
    let ruledOut = 0
    let checked = 0
    for (const text of QUERIES) {
      for (const caseSensitive of [false, true]) {
        const query = { text, caseSensitive }
        const matcher = buildTextMatcher(query)
        const prefilter = rawPrefilterFor(query)
        if (!prefilter) continue
        for (let i = 0; i < file.messageCount; i++) {
          const plain = file.decodeMessagePlain(i)
          const fields = ALL_FIELDS.filter((field) => field !== 'role')
          const matches = fields.some((field) =>
            fieldTexts(plain, 'user', field).some((t) => matcher.first(t) !== null),
          )
          const mayMatch = prefilter.mayMatch({ bytes: file.buffer, ...file.messageSpan(i) })
          if (matches)
            expect({ text, caseSensitive, i, mayMatch }).toEqual({ text, caseSensitive, i, mayMatch: true })
          checked++
          if (!mayMatch) ruledOut++
        }
      }
    }
    // It does rule messages out (a prefilter that lets everything through would pass the check above).
    expect(ruledOut).toBeGreaterThan(checked / 4)
  })

  it('rules out a message without the word, and lets escapes through', () => {
    const mayMatch = (query: { text: string; caseSensitive?: boolean }, raw: string): boolean => {
      const bytes = Buffer.from(raw)
      return rawPrefilterFor(query)!.mayMatch({ bytes, start: 0, end: bytes.length })
    }
    expect(mayMatch({ text: 'latency' }, '{"role": "user", "content": "nothing here"}')).toBe(false)
    expect(mayMatch({ text: 'latency' }, '{"role": "user", "content": "LaTeNcY"}')).toBe(true)
    expect(mayMatch({ text: 'latency' }, '{"content": "l\\u0061tency"}')).toBe(true)
    expect(mayMatch({ text: 'latency' }, '{"content": "\\uDC0A"}')).toBe(true)
    expect(mayMatch({ text: 'latency' }, '{"content": "\\ud83d\\ude00 caf\\u00e9"}')).toBe(false)
    expect(mayMatch({ text: 'latency', caseSensitive: true }, '"LATENCY"')).toBe(false)
  })

  it('looks only at its own span of the buffer', () => {
    const bytes = Buffer.from('["latency", "other words"]')
    const prefilter = rawPrefilterFor({ text: 'latency' })!
    expect(prefilter.mayMatch({ bytes, start: 1, end: 10 })).toBe(true)
    // Hits are kept per 64-byte block: spans in separate blocks are told apart.
    const long = Buffer.from(`["latency", "${'x'.repeat(200)}", "other"]`)
    expect(prefilter.mayMatch({ bytes: long, start: long.length - 8, end: long.length - 1 })).toBe(false)
  })

  it('gives up on a needle most of a large buffer holds, and keeps ruling out a rare one there', () => {
    const messages = Array.from({ length: 2_000 }, (_, i) =>
      i % 500 === 7 ? '"a rare word"' : `"latency number ${i}, and more words to fill a block"`,
    )
    const bytes = Buffer.from(`[${messages.join(', ')}]`)
    const spanOf = (i: number): { bytes: Buffer; start: number; end: number } => {
      const start = bytes.indexOf(messages[i], i === 0 ? 0 : bytes.indexOf(messages[i - 1]) + 1)
      return { bytes, start, end: start + messages[i].length }
    }
    // Every message may match once the needle is common (message 7 does not hold it: it is decoded all the same).
    expect(rawPrefilterFor({ text: 'latency' })!.mayMatch(spanOf(7))).toBe(true)
    const rare = rawPrefilterFor({ text: 'rare' })!
    expect(rare.mayMatch(spanOf(7))).toBe(true)
    expect(rare.mayMatch(spanOf(1_000))).toBe(false)
  })

  it('has nothing to offer a regular expression, a short or number-like needle, or no letters or digits', () => {
    expect(rawPrefilterFor({ text: 'latency', regex: true })).toBeNull()
    expect(rawPrefilterFor({ text: '->' })).toBeNull()
    expect(rawPrefilterFor({ text: '東京' })).toBeNull()
    expect(rawPrefilterFor({ text: 'ab' })).toBeNull()
    // JSON.stringify writes 1e2 as 100 and NaN as null: such needles may not be in the raw bytes.
    expect(rawPrefilterFor({ text: '100' })).toBeNull()
    expect(rawPrefilterFor({ text: 'NULL' })).toBeNull()
    expect(rawPrefilterFor({ text: '1e-7' })).toBeNull()
  })
})

describe('search with the raw prefilter', () => {
  const fresh = withConversationStore('mi-prefilter-')

  it('finds the same messages as a regular expression of the same text (which decodes every message)', async () => {
    const { dir, store } = fresh
    const path = join(dir, 'tricky.json')
    writeFileSync(path, fileOf(TRICKY_MESSAGES))
    const { documents } = await store.open([path])
    const edited = store.get(documents[0].id)
    // An edited message has no raw bytes: it is always decoded.
    store.edit(documents[0].id, edited.revision, [{ op: 'setContentText', index: 0, text: 'edited latency' }])
    for (const text of QUERIES) {
      const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const plain = await store.search({ text, caseSensitive: true })
      const regex = await store.search({ text: escaped, regex: true, caseSensitive: true })
      expect({ text, hits: plain.hits }).toEqual({ text, hits: regex.hits })
    }
    const latency = await store.search({ text: 'latency' })
    expect(latency.hits.map((hit) => [hit.index, hit.field])).toEqual([
      [0, 'content'],
      [1, 'content'],
      [2, 'content'],
      [3, 'content'],
    ])
    expect(latency.hits[0].snippet).toBe('edited latency')
  })
})
