import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { atomicWriteFile, removeStaleTempFiles } from './atomicWrite'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'temp-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The pid of a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number
const livePid = process.ppid

async function leftovers(): Promise<Record<string, string>> {
  const names = {
    deadWriter: `.memory.json.${deadPid()}.0123abcd.tmp`,
    deadBackup: `.memory.json.bak.${deadPid()}.89abcdef.tmp`,
    ownIdle: `.memory.json.${process.pid}.00000000.tmp`,
    liveOlder: `.memory.json.${livePid}.11111111.tmp`,
    liveNewer: `.memory.json.${livePid}.22222222.tmp`,
    otherFile: `.other.json.${deadPid()}.33333333.tmp`,
    notOurs: `.memory.json.tmp`,
  }
  for (const name of Object.values(names)) await writeFile(join(dir, name), 'partial save')
  // File times have a coarse clock: set them apart explicitly rather than rely on the order of writes.
  const old = new Date(Date.now() - 3_600_000)
  await utimes(join(dir, names.liveOlder), old, old)
  const later = new Date(Date.now() + 3_600_000)
  await utimes(join(dir, names.liveNewer), later, later)
  return names
}

describe('temp files left by interrupted saves', () => {
  it('are removed when the file is opened: dead writer, this process idle, or older than the file', async () => {
    await writeFile(join(dir, 'memory.json'), '{}')
    const names = await leftovers()
    const removed = await removeStaleTempFiles(join(dir, 'memory.json'))
    expect(removed.sort()).toEqual(
      [names.deadWriter, names.deadBackup, names.ownIdle, names.liveOlder].sort(),
    )
    expect((await readdir(dir)).sort()).toEqual(
      ['memory.json', names.liveNewer, names.otherFile, names.notOurs].sort(),
    )
  })

  it('are removed by the next save of the file', async () => {
    await writeFile(join(dir, 'memory.json'), '{}')
    const names = await leftovers()
    await atomicWriteFile(join(dir, 'memory.json'), '{"a": 1}')
    expect((await readdir(dir)).sort()).toEqual(
      ['memory.json', names.liveNewer, names.otherFile, names.notOurs].sort(),
    )
  })

  it('leaves a save that is in flight alone', async () => {
    const path = join(dir, 'memory.json')
    await writeFile(path, '{}')
    let during: string[] = []
    await atomicWriteFile(path, 'new', {
      write: async (handle, chunks) => {
        during = await removeStaleTempFiles(path)
        for (const chunk of chunks) await handle.write(chunk)
      },
    })
    expect(during).toEqual([])
    expect(await readdir(dir)).toEqual(['memory.json'])
  })
})
