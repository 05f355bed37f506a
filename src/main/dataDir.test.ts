import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CliError } from './cli/cliErrors'
import { prepareDataDir } from './dataDir'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mi-data-dir-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the data folder', () => {
  it('is created when missing', () => {
    expect(() => prepareDataDir(join(dir, 'a', 'b'))).not.toThrow()
  })

  it('refuses a folder that cannot be created with a one-line CLI error naming it and why', async () => {
    const blocker = join(dir, 'not-a-folder')
    await writeFile(blocker, 'x')
    const dataDir = join(blocker, 'data')
    expect(() => prepareDataDir(dataDir)).toThrow(CliError)
    expect(() => prepareDataDir(dataDir)).toThrow(
      `cannot use the data folder ${dataDir}: a part of the path is a file, not a folder`,
    )
  })
})
