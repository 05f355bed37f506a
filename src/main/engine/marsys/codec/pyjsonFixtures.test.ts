import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dumpPyJson, parsePyJson } from '../../../../shared/pyjson'
import { MARSYS_FIXTURES, fixturePath } from '../../testing/fixtures'

// src/shared may not touch the file system, so the pyjson fixture round trips live here.
const savedFixtures = readdirSync(MARSYS_FIXTURES).filter((f) => f.endsWith('.json'))

describe('pyjson on the real MARSYS files', () => {
  it('has fixtures to test', () => {
    expect(savedFixtures.length).toBeGreaterThanOrEqual(18)
  })

  it.each(savedFixtures)('%s: parse then dump(indent=2) reproduces the file exactly', (name) => {
    const text = readFileSync(fixturePath(name), 'utf8')
    expect(dumpPyJson(parsePyJson(text), { indent: 2 })).toBe(text)
  })
})
