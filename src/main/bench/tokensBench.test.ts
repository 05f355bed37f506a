import { describe, expect, it } from 'vitest'
import { workerFromSource } from '../engine/tokens/testing/sourceWorker'
import { runTokensBench } from './tokensBench'

// The benchmark's figures are printed by `npm run bench`; here it only has to run and agree with itself.
describe('the token benchmark', () => {
  it('runs on a small file and reports every row, the MARSYS total agreeing with a full decode', async () => {
    const rows = await runTokensBench({
      messages: 400,
      bpeMessages: 100,
      bpeRounds: 1,
      workerPath: await workerFromSource(),
    })
    const names = rows.map((r) => r.name)
    expect(names).toContain('tokens: MARSYS total of 400 messages after the index')
    expect(names.some((name) => /^tokens: BPE across \d+ workers? \(wall time of count\(\)/.test(name))).toBe(
      true,
    )
    for (const row of rows) expect(Number.isFinite(row.value), row.name).toBe(true)
    expect(rows.find((r) => r.name === 'tokens: MARSYS total')?.value).toBeGreaterThan(0)
    expect(rows.filter((r) => r.target !== undefined).map((r) => typeof r.ok)).toEqual([
      'boolean',
      'boolean',
      'boolean',
    ])
  })
})
