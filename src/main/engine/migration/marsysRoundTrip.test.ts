import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { parseMemoryFile } from '../marsys/memory/memoryFile'
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

describe('a MARSYS session edited in the store', () => {
  it('exports the edit and keeps every untouched message as it was', async () => {
    const store = await fx.store()
    const report = await migrate([fixturePath('07_dict_and_list_content.json')], store)
    const session = (await store.getSession(report.sessions[0].session_id))!
    await session.replaceMessages((current) =>
      current.map((message, index) =>
        index === 4 ? message.with({ content: 'rewritten by hand' }) : message,
      ),
    )
    const exported = exportSession((await storeSession(store, session.sessionId))!, 'marsys').text
    const before = JSON.parse(await readFile(fixturePath('07_dict_and_list_content.json'), 'utf8'))
    const after = JSON.parse(exported)
    expect(after.messages[4]).toEqual({ role: 'user', content: 'rewritten by hand' })
    after.messages[4] = before.messages[4]
    expect(after).toEqual(before)
    expect(after.messages[11].content).toBe(12345)
    expect(after.messages[10].content).toBeNull()
  })
})
