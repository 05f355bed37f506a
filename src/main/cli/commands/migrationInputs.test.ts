import { copyFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { canMakeFifo, makeFifo, releaseFifo } from '../../engine/testing/fifo'
import { fixturePath } from '../../engine/testing/fixtures'
import { tempDirs } from '../../engine/testing/tempDir'
import { main } from '../main'
import { captureIo } from '../testing/testIo'

const dirs = tempDirs()
const fifos: string[] = []
afterEach(async () => {
  for (const fifo of fifos.splice(0)) releaseFifo(fifo)
  await dirs.cleanup()
})

async function setup() {
  const cwd = await dirs.make('cli-migration-inputs-')
  return { cwd, io: captureIo(cwd) }
}

describe.skipIf(!canMakeFifo)(
  'migration commands refuse a named pipe instead of waiting for a writer',
  () => {
    async function withFifo() {
      const { cwd, io } = await setup()
      const fifo = join(cwd, 'pipe.json')
      makeFifo(fifo)
      fifos.push(fifo)
      return { cwd, io, fifo }
    }
    const refusal = 'it is a named pipe (FIFO), not a regular file: only regular files can be read'

    it('migrate', async () => {
      const { io, fifo } = await withFifo()
      expect(await main(['migrate', 'pipe.json', '--data-dir', 'data'], io)).toBe(1)
      expect(io.out).toContain(`error: ${fifo}: ${refusal}\n`)
    })

    it('restore', async () => {
      const { io, fifo } = await withFifo()
      expect(await main(['restore', 'pipe.json', '--data-dir', 'data', '--json'], io)).toBe(1)
      expect(JSON.parse(io.out).errors).toEqual([expect.objectContaining({ source: fifo, error: refusal })])
    })

    it('export FILE', async () => {
      const { io, fifo } = await withFifo()
      expect(await main(['export', 'pipe.json', '--format', 'jsonl'], io)).toBe(1)
      expect(io.err).toBe(`memory-inspector: ${fifo}: ${refusal}\n`)
      expect(io.out).toBe('')
    })
  },
)

describe('store commands with a data folder that cannot be used', () => {
  const commands = [
    ['migrate', 'tools.json'],
    ['backup', '-o', 'backup.json'],
    ['restore', 'tools.json'],
    ['export', '--session', 'x', '--format', 'jsonl'],
  ]

  it.each(commands)('%s names the folder and the reason, as serve does', async (...command) => {
    const { cwd, io } = await setup()
    await writeFile(join(cwd, 'a-file'), 'not a folder')
    await copyFile(fixturePath('03_tool_calls.json'), join(cwd, 'tools.json'))
    expect(await main([...command, '--data-dir', 'a-file/data'], io)).toBe(1)
    expect(io.err).toBe(
      `memory-inspector: cannot use the data folder ${join(cwd, 'a-file', 'data')}: ` +
        'a part of the path is a file, not a folder\n',
    )
  })
})
