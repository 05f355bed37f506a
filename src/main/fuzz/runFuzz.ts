import { readFileSync, readdirSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Random } from '../engine/testing/random'
import { checkMutant } from './checkMutant'
import { mutate, type FuzzSeed } from './mutate'

export interface FuzzOptions {
  seed: number
  count: number
  /** Called after each case (progress for long runs). */
  onCase?: (done: number) => void
}

export interface FuzzFailure {
  mutant: string
  mutations: string[]
  failures: string[]
}

export interface FuzzReport {
  seed: number
  cases: number
  loaded: number
  refused: number
  /** Refusals grouped by their (normalised) first error, most frequent first. */
  reasons: [reason: string, count: number][]
  /** Cases that broke a promise (an exception, an error without a place, a changed resave): must be empty. */
  crashes: FuzzFailure[]
}

/** The seed files: every `.json` under `dir` (recursively) up to `maxBytes`, sorted by name for determinism. */
export function loadFuzzSeeds(dir: string, maxBytes = 64 * 1024): FuzzSeed[] {
  const seeds: FuzzSeed[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry)
      const info = statSync(path)
      if (info.isDirectory()) walk(path)
      else if (entry.endsWith('.json') && info.size <= maxBytes)
        seeds.push({ name: relative(dir, path), bytes: readFileSync(path) })
    }
  }
  walk(dir)
  return seeds
}

/** `count` mutants of the seeds, from one PRNG seeded with `seed`: the same options give the same cases. */
export async function runFuzz(seeds: readonly FuzzSeed[], options: FuzzOptions): Promise<FuzzReport> {
  const random = new Random(options.seed)
  const dir = await mkdtemp(join(tmpdir(), 'memory-inspector-fuzz-'))
  const reasons = new Map<string, number>()
  const report: FuzzReport = { seed: options.seed, cases: 0, loaded: 0, refused: 0, reasons: [], crashes: [] }
  try {
    for (let i = 0; i < options.count; i++) {
      const mutant = mutate(seeds[i % seeds.length], i, random)
      const outcome = await checkMutant(mutant, dir)
      report.cases++
      if (outcome.loaded) report.loaded++
      else {
        report.refused++
        const reason = outcome.reason ?? 'refused'
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
      }
      if (outcome.failures.length > 0)
        report.crashes.push({ mutant: mutant.name, mutations: mutant.mutations, failures: outcome.failures })
      options.onCase?.(i + 1)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  report.reasons = [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return report
}
