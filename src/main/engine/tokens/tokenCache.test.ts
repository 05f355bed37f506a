import { describe, expect, it } from 'vitest'
import { emptyKindTokens } from './chatTokenRule'
import { TokenCache } from './tokenCache'

const tokens = (marsys: number) => ({ role: 'user', marsys, langswarm: 1 })

describe('TokenCache', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new TokenCache(2)
    cache.set('a', tokens(1))
    cache.set('b', tokens(2))
    expect(cache.get('a', [])?.marsys).toBe(1)
    cache.set('c', tokens(3))
    expect(cache.size).toBe(2)
    expect(cache.get('b', [])).toBeUndefined()
    expect(cache.get('a', [])?.marsys).toBe(1)
  })

  it('serves a request only when every encoding asked for is there, and merges later ones', () => {
    const cache = new TokenCache()
    cache.set('a', { ...tokens(1), o200k_base: emptyKindTokens() })
    expect(cache.get('a', ['o200k_base'])).toBeDefined()
    expect(cache.get('a', ['o200k_base', 'cl100k_base'])).toBeUndefined()
    cache.set('a', { ...tokens(1), cl100k_base: emptyKindTokens() })
    expect(cache.get('a', ['o200k_base', 'cl100k_base'])).toBeDefined()
  })
})
