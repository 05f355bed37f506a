import { describe, expect, it } from 'vitest'
import { runTokenUsageBench } from './tokenUsageBench'

// The figures are printed by `npm run bench`; here the benchmark only has to run and report every row.
describe('the tokens panel benchmark', () => {
  it('reports the usage view of a conversation with its target', () => {
    const rows = runTokenUsageBench({ messages: 1000 })
    expect(rows.map((row) => row.name)).toContain('tokens panel: usage view of 1,000 messages (main thread)')
    for (const row of rows) expect(Number.isFinite(row.value), row.name).toBe(true)
    expect(rows.filter((row) => row.target !== undefined)).toHaveLength(1)
  })
})
