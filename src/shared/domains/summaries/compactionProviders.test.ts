import { describe, expect, it } from 'vitest'
import { retainedImageBudget } from './compactionProviders'

describe('the byte budget for retained images', () => {
  it("is half of MARSYS's payload limit for the provider, else of the default", () => {
    expect(retainedImageBudget('anthropic')).toBe(16_000_000)
    expect(retainedImageBudget('google')).toBe(50_000_000)
    expect(retainedImageBudget('openai')).toBe(12_500_000)
    expect(retainedImageBudget('ollama')).toBe(12_500_000)
    expect(retainedImageBudget(null)).toBe(12_500_000)
  })

  it('treats names of object properties as unknown providers', () => {
    expect(retainedImageBudget('constructor')).toBe(12_500_000)
    expect(retainedImageBudget('__proto__')).toBe(12_500_000)
  })
})
