import { readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importGraph } from './import-cycles.js'

const SRC = resolve(__dirname, '..', 'src')
const MODULE = /\.(tsx?|css)$/

/**
 * Basenames several modules may share because the folder says which one it is: entry points, each domain's
 * channel names, schemas and model, a CLI command named after the engine module it runs, each library port's own
 * `Message`. Any other shared name is a collision a reader trips on (two `summarizer.ts`, two `tokens.css`).
 */
const SHARED_ON_PURPOSE = new Set([
  'index.ts',
  'channels.ts',
  'contract.ts',
  'model.ts',
  'types.ts',
  'backup.ts',
  'insights.ts',
  'migrate.ts',
  'storeRepair.ts',
  'message.ts',
])

/** Imported by tests only, yet left where they are: do not add to this list. */
const LEFT_IN_PLACE = new Set([
  // a port of langswarm's IMemoryProvider (declared, never implemented in Python): library surface, not a helper
  'main/engine/insights/memoryProvider.ts',
])

function modules(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return modules(path)
    return MODULE.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

describe('source layout', () => {
  it('no two source modules share a basename unless the folder is the name', () => {
    const byName = new Map<string, string[]>()
    for (const path of modules(SRC)) {
      const name = path.slice(path.lastIndexOf('/') + 1)
      byName.set(name, [...(byName.get(name) ?? []), relative(SRC, path)])
    }
    const collisions = [...byName].filter(([name, paths]) => paths.length > 1 && !SHARED_ON_PURPOSE.has(name))
    expect(collisions).toEqual([])
  })

  it('test helpers live in a testing/ folder: no other module is imported by tests only', () => {
    const importers = new Map<string, string[]>()
    for (const [module, targets] of importGraph(SRC))
      for (const target of targets) importers.set(target, [...(importers.get(target) ?? []), module])
    const isTest = (path: string): boolean => /\.test\.tsx?$/.test(path)
    const misplaced = [...importers]
      .filter(([module, by]) => !isTest(module) && by.every(isTest))
      .map(([module]) => relative(SRC, module))
      .filter((module) => !/(^|\/)(testing|testdata)\//.test(module) && !LEFT_IN_PLACE.has(module))
    expect(misplaced).toEqual([])
  })
})
