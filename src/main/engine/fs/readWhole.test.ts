import { mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canMakeFifo, makeFifo, releaseFifo } from '../testing/fifo'
import { NotARegularFileError, readParts, readRegularFile, readWholeFile, readWholeHandle } from './readWhole'

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

describe('reading in parts at once', () => {
  const MB = 1024 * 1024

  it('splits files from 1 MB into one part per core, at most 4', () => {
    expect(readParts(MB - 1, 2)).toBe(1)
    expect(readParts(MB, 2)).toBe(2)
    expect(readParts(100 * MB, 1)).toBe(1)
    expect(readParts(100 * MB, 16)).toBe(4)
  })

  it('reads every part to its place, whatever the number of parts', async () => {
    const path = join(dir, 'parts')
    const length = 3 * MB + 5
    await writeFile(path, bytesOf(length))
    const handle = await open(path, 'r')
    try {
      for (const parts of [1, 2, 3, 4, 7])
        expect((await readWholeHandle(handle, length, parts)).equals(bytesOf(length))).toBe(true)
    } finally {
      await handle.close()
    }
  })

  it('reads a file smaller than the number of parts asked for, empty ones included', async () => {
    for (const length of [0, 1, 5]) {
      const path = join(dir, `small${length}`)
      await writeFile(path, bytesOf(length))
      const handle = await open(path, 'r')
      try {
        for (const parts of [2, 7, 10]) {
          const bytes = await readWholeHandle(handle, length, parts)
          expect(bytes.equals(bytesOf(length)), `${length} bytes in ${parts} parts`).toBe(true)
        }
      } finally {
        await handle.close()
      }
    }
  })

  it('stops at the end when a file read in parts shrank, and reads on when it grew', async () => {
    const path = join(dir, 'changed')
    await writeFile(path, bytesOf(MB + MB / 2))
    const handle = await open(path, 'r')
    try {
      // Told 4 MB: the first part is cut short and the later ones find nothing.
      expect((await readWholeHandle(handle, 4 * MB, 4)).equals(bytesOf(MB + MB / 2))).toBe(true)
      // Told 1 MB: both parts are full and the rest is read after them.
      expect((await readWholeHandle(handle, MB, 2)).equals(bytesOf(MB + MB / 2))).toBe(true)
    } finally {
      await handle.close()
    }
  })
})

describe('readRegularFile', () => {
  it('returns the bytes with the stat of the same open file', async () => {
    const path = join(dir, 'f')
    await writeFile(path, bytesOf(5000))
    const { bytes, info } = await readRegularFile(path)
    expect(bytes.equals(bytesOf(5000))).toBe(true)
    expect(info.size).toBe(5000n)
  })

  it('refuses a folder with the reason, as invalid input naming the file', async () => {
    await expect(readRegularFile(dir)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `${dir} is a directory, not a file`,
      details: { file: dir },
    })
  })

  it.skipIf(process.platform === 'win32')('refuses a socket by what it is (opening one fails)', async () => {
    const path = join(dir, 'sock')
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(path, resolve))
    try {
      await expect(readRegularFile(path)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        reason: 'a socket, not a regular file: only regular files can be read',
      })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it.skipIf(!canMakeFifo)('refuses a named pipe at once, through readWholeFile too', async () => {
    const pipe = join(dir, 'pipe')
    makeFifo(pipe)
    try {
      for (const read of [readRegularFile, readWholeFile]) {
        const refusal = await read(pipe).then(
          () => null,
          (error: unknown) => error,
        )
        expect(refusal).toBeInstanceOf(NotARegularFileError)
        expect((refusal as NotARegularFileError).reason).toBe(
          'a named pipe (FIFO), not a regular file: only regular files can be read',
        )
      }
    } finally {
      releaseFifo(pipe)
    }
  })
})
