import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadFuzzSeeds, runFuzz, type FuzzReport } from './fuzz/runFuzz'

/**
 * `npm run fuzz -- [--seed N] [--count N] [--fixtures DIR]`: mutants of the MARSYS fixtures through the verdict,
 * a resave and the CLI; prints how many loaded, why the others were refused, and the crashes (exit 1 if any).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '5000' },
      fixtures: { type: 'string', default: 'resources/fixtures/marsys' },
    },
  })
  const seed = Number(values.seed)
  const count = Number(values.count)
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1)
    throw new Error('--seed and --count must be integers (count at least 1)')
  const seeds = loadFuzzSeeds(resolve(values.fixtures))
  if (seeds.length === 0) throw new Error(`no .json fixtures under ${values.fixtures}`)
  const report = await runFuzz(seeds, {
    seed,
    count,
    onCase: (done) => {
      if (done % 500 === 0) process.stderr.write(`fuzz: ${done}/${count}\n`)
    },
  })
  process.stdout.write(formatReport(report))
  if (report.crashes.length > 0) process.exitCode = 1
}

function formatReport(report: FuzzReport): string {
  const lines = [
    `fuzz: seed ${report.seed}, ${report.cases} cases`,
    `  loaded   ${report.loaded}`,
    `  refused  ${report.refused}`,
    ...report.reasons.map(([reason, n]) => `    ${String(n).padStart(6)}  ${reason}`),
    `  crashes  ${report.crashes.length}`,
  ]
  for (const crash of report.crashes)
    lines.push(
      `    ${crash.mutant} (${crash.mutations.join(' + ')})`,
      ...crash.failures.map((f) => `      ${f}`),
    )
  return lines.join('\n') + '\n'
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 2
})
