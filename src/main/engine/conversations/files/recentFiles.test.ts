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
  it('lists a file once, by its real path, however it was reached, newest first', async () => {
    const file = join(dir, 'memory.json')
    writeFileSync(file, '{}')
    symlinkSync(dir, join(dir, 'via-link'))
    const recent = new RecentFiles(join(dir, 'data'))
    await recent.add([file], 1_000)
    await recent.add([join(dir, 'via-link', 'memory.json'), join(dir, '.', 'memory.json')], 2_000)
    const list = await recent.list()
    expect(list).toEqual([{ path: file, openedMs: 2_000 }])
  })
})
