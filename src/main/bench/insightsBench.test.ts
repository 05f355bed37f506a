import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { INSIGHT_WORKER_FILE } from '../engine/insights/insightRunner'
import { REPO_ROOT } from '../engine/testing/fixtures'
import { runInsightsBench } from './insightsBench'

// The figures are printed by `npm run bench`; here it only has to run (on the built worker) and report each row.
describe('the insights benchmark', () => {
  it('runs on a small file and reports every row', async () => {
    const workerPath = join(REPO_ROOT, 'out', 'main', INSIGHT_WORKER_FILE)
    expect(existsSync(workerPath), 'run `npm run build` before the unit tests').toBe(true)
    const rows = await runInsightsBench({ messages: 300, workerPath })
    expect(rows.map((r) => r.name)).toEqual([
      'insights: report of 300 messages',
      'insights: main thread longest stall during the report',
      'insights: entities and graph of 300 messages',
      'insights: main thread longest stall during the graph',
      'insights: hand-off view of 300 messages',
      'insights: main thread longest stall during the hand-off view',
      'insights: suggested actions',
      'insights: graph nodes',
      'insights: hand-offs',
    ])
    for (const row of rows) expect(Number.isFinite(row.value), row.name).toBe(true)
    expect(rows.filter((r) => r.target !== undefined).map((r) => typeof r.ok)).toEqual([
      'boolean',
      'boolean',
      'boolean',
    ])
  })
})
