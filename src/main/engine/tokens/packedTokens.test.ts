import { describe, expect, it } from 'vitest'
import type { KindTokens } from './chatTokenRule'
import type { MessageTokens } from './messageTokens'
import { packTokens, unpackTokens } from './packedTokens'

const kinds = (base: number): KindTokens => ({
  text: base,
  toolResults: base + 1,
  toolCalls: base + 2,
  images: base + 3,
  overhead: base + 4,
  total: 5 * base + 10,
})

describe('packed token counts', () => {
  it('come back as they were, in order, with a null MARSYS figure kept', () => {
    const counts: MessageTokens[] = [
      { role: 'user', marsys: 12, langswarm: 3, o200k_base: kinds(10), cl100k_base: kinds(20) },
      { role: '', marsys: null, langswarm: 0, o200k_base: kinds(0), cl100k_base: kinds(0) },
      { role: 'tool', marsys: 40, langswarm: 9, o200k_base: kinds(100), cl100k_base: kinds(7) },
    ]
    const packed = packTokens(counts, ['o200k_base', 'cl100k_base'])
    expect(packed.numbers).toHaveLength(3 * 14)
    expect(unpackTokens(packed, ['o200k_base', 'cl100k_base'])).toEqual(counts)
  })

  it('carry only the encodings asked for', () => {
    const counts: MessageTokens[] = [{ role: 'assistant', marsys: 5, langswarm: 1 }]
    expect(unpackTokens(packTokens(counts, []), [])).toEqual(counts)
  })

  it('refuse numbers that do not fit the messages and encodings', () => {
    const packed = packTokens(
      [{ role: 'user', marsys: 1, langswarm: 1, o200k_base: kinds(1) }],
      ['o200k_base'],
    )
    expect(() => unpackTokens(packed, ['o200k_base', 'cl100k_base'])).toThrow(/8 numbers for 1 messages/)
    expect(() => packTokens([{ role: 'user', marsys: 1, langswarm: 1 }], ['o200k_base'])).toThrow(
      /no o200k_base count/,
    )
  })
})
