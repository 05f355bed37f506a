import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RecentFiles } from './recentFiles'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mi-recent-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('recent files', () => {
  it('lists a file once however it was reached, under the name it was last opened by, newest first', async () => {
    const file = join(dir, 'memory.json')
    const other = join(dir, 'other.json')
    writeFileSync(file, '{}')
    writeFileSync(other, '{}')
    symlinkSync(dir, join(dir, 'via-link'))
    const viaLink = join(dir, 'via-link', 'memory.json')
    const recent = new RecentFiles(join(dir, 'data'))
    await recent.add([file], 1_000)
    await recent.add([other], 1_500)
    await recent.add([viaLink, file], 2_000)
    expect(await recent.list()).toEqual([
      { path: viaLink, openedMs: 2_000 },
      { path: other, openedMs: 1_500 },
    ])
  })

  it('a list asked for while an add is still writing answers with that add', async () => {
    const file = join(dir, 'memory.json')
    writeFileSync(file, '{}')
    const recent = new RecentFiles(join(dir, 'data'))
    void recent.add([file], 1_000)
    expect(await recent.list()).toEqual([{ path: file, openedMs: 1_000 }])
  })
})
