import { runMarsysBench, runPhaseFromArgv } from './bench/marsysBench'
import { runMigrationBench } from './bench/migrationBench'
import { formatBenchTable } from './bench/report'
import { runSessionStoreBench } from './bench/sessionStoreBench'
import { runTokensBench } from './bench/tokensBench'
import { runTokenUsageBench } from './bench/tokenUsageBench'
import type { BenchRow } from './bench/types'

/**
 * `npm run bench`: every benchmark's rows as a table and as JSON. Figures are printed even when a target is
 * missed, and the exit code stays 0. Add a benchmark by appending one `rows.push(...await runX())`.
 */
async function main(): Promise<void> {
  if (await runPhaseFromArgv(process.argv)) return
  const rows: BenchRow[] = []
  rows.push(...(await runMarsysBench({ script: process.argv[1] })))
  rows.push(...(await runSessionStoreBench()))
  rows.push(...(await runMigrationBench()))
  rows.push(...(await runTokensBench()))
  rows.push(...runTokenUsageBench())
  process.stdout.write(`\n${formatBenchTable(rows)}\n`)
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
