import { describe, expect, it } from 'vitest'
import { Message, MessageRole, SessionMetadata } from '../../../shared/model/langswarm'
import { InMemoryBackend } from './backends'
import { createTokenizerEstimator } from './tokenizerEstimator'

describe('createTokenizerEstimator', () => {
  it('counts real BPE tokens with o200k and cl100k', async () => {
    const o200k = await createTokenizerEstimator()
    const cl100k = await createTokenizerEstimator('cl100k_base')
    expect(o200k.id).toBe('gpt-tokenizer:o200k_base')
    expect(o200k.count('hello world')).toBe(2)
    expect(cl100k.count('hello world')).toBe(2)
    // words and tokens differ: one "word", several tokens
    expect(o200k.count('internationalization')).toBeGreaterThan(1)
    expect(o200k.count('')).toBe(0)
  })

  it('counts special-token text as plain text instead of throwing', async () => {
    const o200k = await createTokenizerEstimator()
    expect(o200k.count('a <|endoftext|> b')).toBeGreaterThan(3)
  })

  it('drives getRecentContext and usage totals when configured', async () => {
    const estimator = await createTokenizerEstimator()
    const backend = new InMemoryBackend({ tokenEstimator: estimator })
    const session = await backend.createSession(new SessionMetadata({ session_id: 's' }))
    const long = 'Supercalifragilisticexpialidocious antidisestablishmentarianism'
    await session.addMessage(new Message({ role: MessageRole.USER, content: long }))
    await session.addMessage(new Message({ role: MessageRole.ASSISTANT, content: 'ok' }))
    const tokens = estimator.count(long)
    expect(tokens).toBeGreaterThan(2) // the word estimate would say 2
    expect(await session.getRecentContext(tokens)).toHaveLength(1)
    expect(await session.getRecentContext(tokens + 1)).toHaveLength(2)
    expect((await backend.getUsageStats()).total_tokens).toBe(tokens + 1)
  })
})
