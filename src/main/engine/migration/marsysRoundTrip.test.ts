import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { parseMemoryFile } from '../marsys/api/memoryFile'
import { fixturePath, MARSYS_FIXTURES } from '../testing/fixtures'
import { exportSession } from './exports'
import { storeSession } from './exportSource'
import { migrate } from './migrate'
import { migrationFixtures } from './testing/stores'

const fx = migrationFixtures()
afterEach(() => fx.cleanup())

const FIXTURES = readdirSync(MARSYS_FIXTURES).filter((name) => name.endsWith('.json'))

describe('MARSYS file → store → MARSYS file', () => {
  it.each(FIXTURES)('%s comes back byte for byte and loads in MARSYS', async (name) => {
    const store = await fx.store()
    const report = await migrate([fixturePath(name)], store)
    expect(report.errors).toEqual([])
    expect(report.sessions_migrated).toBe(1)
    expect(report.losses).toEqual([])
    const id = report.sessions[0].session_id
    const session = await storeSession(store, id)
    const exported = exportSession(session!, 'marsys')
    const original = await readFile(fixturePath(name), 'utf8')
    expect(exported.text).toBe(original)
    expect(exported.losses).toEqual([])
    expect(() => parseMemoryFile(exported.text, name)).not.toThrow()
  })
})
