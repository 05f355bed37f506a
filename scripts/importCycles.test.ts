import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findImportCycles as cyclesUnder } from './import-cycles.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-cycles-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('import cycles', () => {
  it('finds a cycle made of type-only imports, and none once one side stops importing', async () => {
    await writeFile(join(dir, 'a.ts'), "import type { B } from './b'\nexport type A = B[]\n")
    await writeFile(join(dir, 'b.ts'), "import type { A } from './a'\nexport type B = { a: A }\n")
    await writeFile(join(dir, 'c.ts'), "export * from './a'\n")
    expect(cyclesUnder(dir)).toEqual([['a.ts', 'b.ts']])
    await writeFile(join(dir, 'b.ts'), 'export type B = { a: unknown }\n')
    expect(cyclesUnder(dir)).toEqual([])
  })

  it('there are none under src/', () => {
    expect(cyclesUnder(resolve(__dirname, '..', 'src'))).toEqual([])
  })
})
