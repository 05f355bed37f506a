import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ALIGN_WORKER_FILE } from '../engine/compare/alignRunner'
import { REPO_ROOT } from '../engine/testing/fixtures'
import { runCompareBench } from './compareBench'

// The figures are printed by `npm run bench`; here it only has to run (on the built worker) and report each row.
describe('the compare benchmark', () => {
  it('runs on a small file, finds the three edits and reports every row', async () => {
    const workerPath = join(REPO_ROOT, 'out', 'main', ALIGN_WORKER_FILE)
    expect(existsSync(workerPath), 'run `npm run build` before the unit tests').toBe(true)
    const rows = await runCompareBench({ messages: 600, workerPath })
    expect(rows.map((r) => r.name)).toEqual([
      'compare: 600 messages with their saved version',
      'compare: main thread longest stall during it',
      'compare: a window of 100 rows',
      'compare: changes found',
    ])
    expect(rows[3].value).toBe(3)
    for (const row of rows) expect(Number.isFinite(row.value), row.name).toBe(true)
    expect(typeof rows[1].ok).toBe('boolean')
  })
})
