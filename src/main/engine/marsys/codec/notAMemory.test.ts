import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MARSYS_FIXTURES, fixturePath } from '../../testing/fixtures'
import { MarsysFile } from './marsysFile'
import { describeNotAMemory } from './notAMemory'

const describeText = (text: string): string | null => describeNotAMemory(MarsysFile.open(Buffer.from(text)))

describe('describeNotAMemory', () => {
  it('finds no real MARSYS save to be anything but a memory', () => {
    for (const name of readdirSync(MARSYS_FIXTURES).filter((n) => n.endsWith('.json')))
      expect(describeNotAMemory(MarsysFile.open(readFileSync(fixturePath(name)))), name).toBeNull()
  })

  it('says what a top-level list is, counting its items', () => {
    const top = MarsysFile.open(readFileSync(fixturePath('load_inputs_handmade/top_level_list.json')))
    expect(describeNotAMemory(top)).toBe('This is a JSON array of 1 item, not a MARSYS memory file.')
    const items = Array.from({ length: 12 }, (_, i) => ({ text: `a, [b] {c} "${i}\\"`, list: [1, [2, 3]] }))
    expect(describeText(JSON.stringify(items, null, 2))).toBe(
      'This is a JSON array of 12 items, not a MARSYS memory file.',
    )
    expect(describeText(' [ ] ')).toBe('This is a JSON array of 0 items, not a MARSYS memory file.')
  })

  it('says what an object without the memory fields and a scalar are', () => {
    expect(describeText('{}')).toBe('This is an empty JSON object, not a MARSYS memory file.')
    expect(describeText('{"name": "x", "items": [], "name": "y"}')).toBe(
      'This is a JSON object with 2 keys (name, items) and neither memory_type nor messages, not a MARSYS memory file.',
    )
    expect(describeText('\n42.5\n')).toBe('This is a JSON number (42.5), not a MARSYS memory file.')
    expect(describeText('null')).toBe('This is the JSON value null, not a MARSYS memory file.')
    expect(describeText('"text"')).toBe('This is a JSON string, not a MARSYS memory file.')
  })

  it('leaves a damaged memory to the memory checks', () => {
    expect(describeText('{"messages": 5}')).toBeNull()
    expect(describeText('{"memory_type": "kg"}')).toBeNull()
  })
})
