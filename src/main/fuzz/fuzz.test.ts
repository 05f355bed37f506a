import { describe, expect, it } from 'vitest'
import { MARSYS_FIXTURES } from '../engine/testing/fixtures'
import { Random } from '../engine/testing/random'
import { mutate } from './mutate'
import { loadFuzzSeeds, runFuzz } from './runFuzz'

const seeds = loadFuzzSeeds(MARSYS_FIXTURES)

describe('fuzzing the MARSYS fixtures', () => {
  it('uses the small fixtures, the real saves and the hand-made inputs', () => {
    expect(seeds.length).toBeGreaterThan(20)
    expect(seeds.map((s) => s.name)).toContain('03_tool_calls.json')
    expect(seeds.map((s) => s.name)).not.toContain('12_large_20000.json')
  })

  it('is deterministic: one seed, one corpus', () => {
    const first = Array.from({ length: 20 }, (_, i) => mutate(seeds[i], i, new Random(7)).bytes)
    const again = Array.from({ length: 20 }, (_, i) => mutate(seeds[i], i, new Random(7)).bytes)
    expect(again).toEqual(first)
  })

  it('300 mutants: no crash, every error names its place, untouched resaves are byte-identical', async () => {
    const report = await runFuzz(seeds, { seed: 20261202, count: 300 })
    expect(report.crashes).toEqual([])
    expect(report.cases).toBe(300)
    // The corpus exercises both sides of the verdict, including the nesting limit.
    expect(report.loaded).toBeGreaterThan(30)
    expect(report.refused).toBeGreaterThan(30)
    expect(report.reasons.map(([reason]) => reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^nested more than N levels deep/)]),
    )
  }, 60_000)
})
