import { parseArgs } from 'node:util'
import { runMarsysBench, runPhaseFromArgv } from './bench/marsysBench'
import { runMigrationBench } from './bench/migrationBench'
import { formatBenchTable } from './bench/report'
import { runSessionStoreBench } from './bench/sessionStoreBench'
import { runStoreSearchBench } from './bench/storeSearchBench'
import { runTokensBench } from './bench/tokensBench'
import { runInsightsBench } from './bench/insightsBench'
import { runTokenUsageBench } from './bench/tokenUsageBench'
import { runCompareBench } from './bench/compareBench'
import type { BenchRow } from './bench/types'

/**
 * `npm run bench [-- --json] [-- --sizes 10k,100k,300k]`: every benchmark's rows as a table (or as JSON). Figures are printed even when a target is
 * missed, and the exit code stays 0. Add a benchmark by appending one `rows.push(...await runX())`.
 */
async function main(): Promise<void> {
  if (await runPhaseFromArgv(process.argv)) return
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, sizes: { type: 'string' } },
    allowPositionals: false,
  })
  const sizes = values.sizes?.split(',').map((size) => Number(size.replace(/k$/i, '000')))
  if (sizes?.some((size) => !Number.isInteger(size) || size < 0))
    throw new Error(`--sizes takes message counts such as 10k,100k,300000, not ${values.sizes}`)
  const rows: BenchRow[] = []
  rows.push(...(await runMarsysBench({ script: process.argv[1], ...(sizes ? { sizes } : {}) })))
  rows.push(...(await runSessionStoreBench()))
  rows.push(...(await runStoreSearchBench()))
  rows.push(...(await runMigrationBench()))
  rows.push(...(await runTokensBench()))
  rows.push(...runTokenUsageBench())
  rows.push(...(await runInsightsBench()))
  rows.push(...(await runCompareBench()))
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
  else process.stdout.write(`\n${formatBenchTable(rows)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
