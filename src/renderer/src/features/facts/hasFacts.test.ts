import { describe, expect, it } from 'vitest'
import { summary } from '../../testing/samples'
import { hasFacts } from './hasFacts'

describe('hasFacts', () => {
  it('is true only for a parsed kg memory with messages', () => {
    expect(hasFacts(summary({ memoryType: 'kg', messageCount: 5 }))).toBe(true)
    expect(hasFacts(summary({ memoryType: 'kg', messageCount: 0 }))).toBe(false)
    expect(hasFacts(summary({ memoryType: 'conversation_history', messageCount: 5 }))).toBe(false)
    expect(hasFacts(summary({ memoryType: 'kg', messageCount: 5, status: 'error' }))).toBe(false)
    expect(hasFacts(undefined)).toBe(false)
  })
})
