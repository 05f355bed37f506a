import { describe, expect, it } from 'vitest'
import { PyNumber, PyObject } from '../pyjson'
import { DefaultTokenCounter } from './marsysTokenCounter'

const counter = new DefaultTokenCounter()
const count = (msg: unknown): number => counter.countMessage(msg)

describe('DefaultTokenCounter — the spec examples', () => {
  it('counts a short user message as 9', () => {
    expect(count({ role: 'user', content: 'Hello, how are you today?' })).toBe(9)
  })

  it('counts a tool message with content, name and tool_call_id as 15', () => {
    expect(count({ role: 'tool', content: 'abcd', name: 'abcdef', tool_call_id: 'call_1' })).toBe(15)
  })

  it('counts empty and None content as exactly 3', () => {
    expect(count({ role: 'user', content: '' })).toBe(3)
    expect(count({ role: 'assistant', content: null })).toBe(3)
    expect(count({ role: 'assistant' })).toBe(3)
  })

  it('counts one image with a short question as 809', () => {
    const msg = {
      role: 'user',
      content: [
        { type: 'text', text: 'What colour is this pixel?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
      ],
    }
    expect(count(msg)).toBe(809)
  })
})

// Expected values come from running MARSYS's counter on the same dicts.
describe('DefaultTokenCounter — Python semantics', () => {
  it('measures text in code points: an astral character or a lone surrogate is 1', () => {
    expect(count({ role: 'user', content: '😀😀😀😀' })).toBe(4)
    expect(count({ role: 'user', content: '\ud800abc' })).toBe(4)
  })

  it('measures dict content as compact JSON with ASCII escapes', () => {
    // '{"k":"\u00e9"}' is 14 characters -> 3
    expect(count({ role: 'user', content: { k: 'é' } })).toBe(6)
  })

  it('measures an unknown list part as compact ASCII-escaped JSON', () => {
    expect(count({ role: 'user', content: [{ type: 'custom', v: 'é😀' }] })).toBe(13)
  })

  it('measures non-dict list items by their Python str()', () => {
    // 'True' 1, 'None' 1, '3.5' 0, 'abc' 0, "[1, 'x']" 2
    expect(count({ role: 'assistant', content: [true, null, 3.5, 'abc', [1, 'x']] })).toBe(7)
  })

  it('truncates text parts one by one', () => {
    expect(
      count({
        role: 'user',
        content: [
          { type: 'text', text: 'x'.repeat(7) },
          { type: 'text', text: 'y'.repeat(7) },
        ],
      }),
    ).toBe(5)
  })

  it('sums tool calls as floats and truncates once', () => {
    const call = (id: string) => ({ id, type: 'function', function: { name: 'abc', arguments: '{} ' } })
    // 2 x (5 + 0.75 + 0.75) = 13; truncating per call would give 12
    expect(count({ role: 'assistant', content: null, tool_calls: [call('a'), call('b')] })).toBe(16)
  })

  it('keeps the fractional name tokens until the final truncation', () => {
    // 3 + 0 + 0.75 + 10 = 13.75
    expect(count({ role: 'tool', content: 'ab', name: 'abc', tool_call_id: 'x' })).toBe(13)
  })

  it('uses the defaults MARSYS uses for a tool call without function or with object arguments', () => {
    expect(count({ role: 'assistant', tool_calls: [{ id: 'x' }] })).toBe(8)
    expect(
      count({ role: 'assistant', tool_calls: [{ id: 'x', function: { name: 'f', arguments: { a: 'é' } } }] }),
    ).toBe(11)
  })

  it('counts non-text scalar content as 0 and a non-string name by its str()', () => {
    expect(count({ role: 'user', content: 12345, name: 7 })).toBe(3)
    expect(count({ role: 'user', content: new PyNumber('1.5e3') })).toBe(3)
  })

  it('honours the options', () => {
    const custom = new DefaultTokenCounter({ imageTokenEstimate: 100, charsPerToken: 3 })
    const msg = {
      role: 'user',
      content: [{ type: 'text', text: 'abcdefg' }, { type: 'image_url' }],
      name: 'abcd',
    }
    expect(custom.countMessage(msg)).toBe(106)
  })

  it('reads a duplicated key as Python does (last value wins)', () => {
    const msg = new PyObject([
      ['role', 'user'],
      ['content', 'a'.repeat(40)],
      ['content', 'abcd'],
    ])
    expect(count(msg)).toBe(4)
  })

  it('treats a non-dict message as having no fields', () => {
    expect(count('not a message')).toBe(3)
    expect(count(null)).toBe(3)
  })
})
