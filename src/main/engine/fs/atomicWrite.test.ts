import { chmod, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { atomicWriteFile, backgroundRemovalsSettled, writeChunks } from './atomicWrite'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-write-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const listing = async (): Promise<string[]> => {
  await backgroundRemovalsSettled()
  return (await readdir(dir)).sort()
}

describe('writeChunks', () => {
  it('writes thousands of chunks, empty ones included, in order', async () => {
    const chunks = Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0 ? Buffer.alloc(0) : Buffer.from(`chunk ${i} ${'x'.repeat(i % 300)}\n`),
    )
    const expected = Buffer.concat(chunks)
    const path = join(dir, 'many.json')
    await atomicWriteFile(path, chunks, { write: writeChunks })
    expect((await readFile(path)).equals(expected)).toBe(true)
  })
})

describe('atomicWriteFile', () => {
  it('creates a new file and leaves no temp files', async () => {
    const path = join(dir, 'memory.json')
    await atomicWriteFile(path, '{"a": 1}', { backup: true })
    expect(await readFile(path, 'utf8')).toBe('{"a": 1}')
    expect(await listing()).toEqual(['memory.json'])
  })

  it('replaces a file and keeps the previous version as .bak', async () => {
    const path = join(dir, 'memory.json')
    await writeFile(path, 'v1')
    await atomicWriteFile(path, 'v2', { backup: true })
    expect(await readFile(path, 'utf8')).toBe('v2')
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('v1')
    await atomicWriteFile(path, 'v3', { backup: true })
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('v2')
    expect(await listing()).toEqual(['memory.json', 'memory.json.bak'])
  })

  it('makes no backup unless asked', async () => {
    const path = join(dir, 'memory.json')
    await writeFile(path, 'v1')
    await atomicWriteFile(path, Buffer.from('v2'))
    expect(await listing()).toEqual(['memory.json'])
  })

  it('writes many chunks in order', async () => {
    const path = join(dir, 'big.json')
    const chunks = Array.from({ length: 50_000 }, (_, i) => Buffer.from(`${i},`))
    chunks.push(Buffer.alloc(5 * 1024 * 1024, 0x61))
    await atomicWriteFile(path, chunks)
    expect((await readFile(path)).equals(Buffer.concat(chunks))).toBe(true)
  })

  it.skipIf(process.platform === 'win32')('keeps the permissions of the file it replaces', async () => {
    const path = join(dir, 'memory.json')
    await writeFile(path, 'v1')
    await chmod(path, 0o640)
    await atomicWriteFile(path, 'v2')
    expect((await stat(path)).mode & 0o777).toBe(0o640)
  })

  it('leaves the original untouched and removes the temp file when the write fails half-way', async () => {
    const path = join(dir, 'memory.json')
    await writeFile(path, 'original')
    await writeFile(`${path}.bak`, 'older backup')
    const failingWrite = async (handle: import('node:fs/promises').FileHandle): Promise<void> => {
      await handle.write(Buffer.from('half of the new'))
      throw new Error('disk full')
    }
    await expect(
      atomicWriteFile(path, 'the new content', { backup: true, write: failingWrite }),
    ).rejects.toThrow('disk full')
    expect(await readFile(path, 'utf8')).toBe('original')
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('older backup')
    expect(await listing()).toEqual(['memory.json', 'memory.json.bak'])
  })

  it.skipIf(process.platform === 'win32')('replaces the target of a symlink, keeping the link', async () => {
    const real = join(dir, 'real.json')
    const linkPath = join(dir, 'link.json')
    await writeFile(real, 'v1')
    await symlink(real, linkPath)
    await atomicWriteFile(linkPath, 'v2', { backup: true })
    expect((await stat(linkPath)).isFile()).toBe(true)
    expect(await readFile(real, 'utf8')).toBe('v2')
    expect(await readFile(`${real}.bak`, 'utf8')).toBe('v1')
  })

  it('fails cleanly for a folder that does not exist or a path that is a folder', async () => {
    await expect(atomicWriteFile(join(dir, 'missing', 'x.json'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    })
    await expect(atomicWriteFile(dir, 'x')).rejects.toMatchObject({ code: 'EISDIR' })
    expect(await listing()).toEqual([])
  })
})
