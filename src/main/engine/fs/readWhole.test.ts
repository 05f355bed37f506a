import { mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readWholeFile, readWholeHandle } from './readWhole'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-whole-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const bytesOf = (length: number): Buffer => Buffer.from(Array.from({ length }, (_, i) => (i * 7) % 251))

describe('readWholeFile', () => {
  it('reads files of any size byte for byte, empty ones included', async () => {
    for (const length of [0, 1, 4096, 3 * 1024 * 1024 + 17]) {
      const path = join(dir, `f${length}`)
      await writeFile(path, bytesOf(length))
      expect((await readWholeFile(path)).equals(bytesOf(length))).toBe(true)
    }
  })

  it('fails like readFile for a missing file', async () => {
    await expect(readWholeFile(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('readWholeHandle', () => {
  it('reads to the end when the file is larger than the size it was told', async () => {
    const path = join(dir, 'grown')
    await writeFile(path, bytesOf(100_000))
    const handle = await open(path, 'r')
    try {
      expect((await readWholeHandle(handle, 10)).equals(bytesOf(100_000))).toBe(true)
    } finally {
      await handle.close()
    }
  })

  it('stops at the end when the file is smaller than the size it was told', async () => {
    const path = join(dir, 'shrunk')
    await writeFile(path, bytesOf(1000))
    const handle = await open(path, 'r')
    try {
      expect((await readWholeHandle(handle, 50_000)).equals(bytesOf(1000))).toBe(true)
    } finally {
      await handle.close()
    }
  })
})
