import { parseArgs } from 'node:util'
import { runMarsysBench, runPhaseFromArgv } from './bench/marsysBench'
import { runMigrationBench } from './bench/migrationBench'
import { formatBenchTable } from './bench/benchTable'
import { runSessionStoreBench } from './bench/sessionStoreBench'
import { runStoreSearchBench } from './bench/storeSearchBench'
import { runTokensBench } from './bench/tokensBench'
import { runInsightsBench } from './bench/insightsBench'
import { runTokenUsageBench } from './bench/tokenUsageBench'
import { runCompareBench } from './bench/compareBench'
import { runScrollBench } from './bench/scrollBench'
import type { BenchRow } from './bench/types'

/**
 * `npm run bench [-- --json] [-- --sizes 10k,100k,300k] [-- --only marsys,scroll]`: every benchmark's rows as a
 * table (or as JSON). Figures are printed even when a target is missed, and the exit code stays 0. Add a benchmark with one entry in `benchmarks`.
 */
async function main(): Promise<void> {
  if (await runPhaseFromArgv(process.argv)) return
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, sizes: { type: 'string' }, only: { type: 'string' } },
    allowPositionals: false,
  })
  const sizes = values.sizes?.split(',').map((size) => Number(size.replace(/k$/i, '000')))
  if (sizes?.some((size) => !Number.isInteger(size) || size < 0))
    throw new Error(`--sizes takes message counts such as 10k,100k,300000, not ${values.sizes}`)
  const benchmarks: Record<string, () => Promise<BenchRow[]> | BenchRow[]> = {
    marsys: () => runMarsysBench({ script: process.argv[1], ...(sizes ? { sizes } : {}) }),
    sessions: runSessionStoreBench,
    storeSearch: runStoreSearchBench,
    migration: runMigrationBench,
    tokens: runTokensBench,
    tokenUsage: runTokenUsageBench,
    insights: runInsightsBench,
    compare: runCompareBench,
    scroll: runScrollBench,
  }
  const only = values.only?.split(',') ?? Object.keys(benchmarks)
  const unknown = only.filter((name) => !(name in benchmarks))
  if (unknown.length > 0)
    throw new Error(`--only takes ${Object.keys(benchmarks).join(', ')}; not ${unknown.join(', ')}`)
  const rows: BenchRow[] = []
  for (const name of only) rows.push(...(await benchmarks[name]()))
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
  else process.stdout.write(`\n${formatBenchTable(rows)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
