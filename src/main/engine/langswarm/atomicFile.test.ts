import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { atomicWriteFile } from '../fs/atomicWrite'
import { AtomicFileWriter, removeTempFiles } from './atomicFile'
import { compileForChild, runNode } from '../testing/childProcess'
import { tempDirs } from '../testing/tempDir'

const dirs = tempDirs()
const moduleDirs = tempDirs()
let atomicModuleUrl = ''

beforeAll(async () => {
  atomicModuleUrl = await compileForChild(
    join(__dirname, '..', 'fs', 'atomicWrite.ts'),
    await moduleDirs.make('langswarm-child-'),
  )
})
afterAll(() => moduleDirs.cleanup())
afterEach(() => dirs.cleanup())

// The store writes through the app's one atomic writer; these pin what the store relies on.
describe('atomicWriteFile, as the store uses it', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'data.json')
    await atomicWriteFile(file, 'one')
    await atomicWriteFile(file, 'two')
    expect(await readFile(file, 'utf8')).toBe('two')
    expect(await readdir(dir)).toEqual(['data.json'])
  })

  it('a process killed mid-write leaves the previous complete file', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'data.json')
    const makeVersions = `['A', 'B'].map((tag) => JSON.stringify({ tag, filler: tag.repeat(4_000_000) }))`
    const versions = ['A', 'B'].map((tag) => JSON.stringify({ tag, filler: tag.repeat(4_000_000) }))
    for (let round = 0; round < 4; round += 1) {
      const writer = runNode(`
        import { atomicWriteFile } from ${JSON.stringify(atomicModuleUrl)}
        const versions = ${makeVersions}
        await atomicWriteFile(${JSON.stringify(file)}, versions[0])
        console.log('ready')
        for (let index = 1; ; index += 1) await atomicWriteFile(${JSON.stringify(file)}, versions[index % 2])
      `)
      expect(await writer.firstLine).toBe('ready')
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 37))
      writer.process.kill('SIGKILL')
      await writer.exited
      const content = await readFile(file, 'utf8')
      expect(versions).toContain(content)
      await removeTempFiles(dir)
      expect(await readdir(dir)).toEqual(['data.json'])
    }
  })
})

describe('AtomicFileWriter', () => {
  it('serialises writes, coalesces superseded ones and resolves every caller once durable', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'data.txt')
    const writer = new AtomicFileWriter(file)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => writer.write(`version ${index}`).then(() => index)),
    )
    expect(results).toHaveLength(20)
    expect(await readFile(file, 'utf8')).toBe('version 19')
  })

  it('rejects the callers of a failed write and recovers for later ones', async () => {
    const dir = await dirs.make()
    const writer = new AtomicFileWriter(join(dir, 'missing-dir', 'data.txt'))
    await expect(writer.write('x')).rejects.toMatchObject({ code: 'ENOENT' })
    const ok = new AtomicFileWriter(join(dir, 'data.txt'))
    await ok.write('fine')
    await ok.close()
    await expect(ok.write('late')).rejects.toThrow(/closed/)
    expect(await readFile(join(dir, 'data.txt'), 'utf8')).toBe('fine')
  })
})
