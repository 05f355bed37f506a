// The token counter lives in src/shared (no fs there); its checks against the real MARSYS files live here.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type PyObject, parsePyJson } from '../../../../shared/pyjson'
import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { fixturePath } from '../../testing/fixtures'

const counter = new DefaultTokenCounter()

const fixtureMessages = (name: string): unknown[] =>
  (JSON.parse(readFileSync(fixturePath(name), 'utf8')) as { messages: unknown[] }).messages

// Totals computed with MARSYS's own DefaultTokenCounter (CPython 3.11) over each file's `messages`.
const FIXTURE_TOTALS: Array<[string, number, number[] | null]> = [
  ['01_plain_conversation.json', 42, [10, 10, 7, 15]],
  ['02_system_prompt.json', 52, [18, 9, 25]],
  ['03_tool_calls.json', 210, [10, 16, 32, 22, 34, 14, 14, 11, 15, 27, 15]],
  ['05_images.json', 4869, [809, 5, 1606, 803, 3, 811, 811, 21]],
  ['06_structured_data.json', 41, [8, 26, 7]],
  ['07_dict_and_list_content.json', 160, [21, 25, 22, 9, 15, 8, 3, 29, 19, 3, 3, 3]],
  ['08_unicode_emoji_rtl.json', 171, [11, 8, 9, 16, 13, 11, 7, 13, 17, 12, 12, 23, 19]],
  ['09_managed_compacted.json', 103, [31, 67, 5]],
  ['09b_managed_compacted_no_model.json', 11, [7, 4]],
  ['09c_managed_over_trigger_uncompacted.json', 1050, null],
  ['10_kg_facts.json', 78, [25, 14, 15, 12, 12]],
  ['11_empty_conversation.json', 0, []],
  ['11b_empty_managed.json', 0, []],
  ['11c_empty_kg.json', 0, []],
  ['12_large_20000.json', 581978, null],
  ['13_agent_state_with_planning.json', 21, [12, 9]],
  ['16_resaved_03_after_load.json', 170, [10, 16, 32, 12, 24, 14, 4, 11, 5, 27, 15]],
]

describe('DefaultTokenCounter — fixture totals', () => {
  it.each(FIXTURE_TOTALS)('%s totals %i', (name, total, perMessage) => {
    const result = counter.countMessages(fixtureMessages(name))
    expect(result.total).toBe(total)
    if (perMessage !== null) expect(result.perMessage).toEqual(perMessage)
  })

  it('counts 15_nan_in_additional_state.json (needs the Python-JSON parser) as 3', () => {
    const doc = parsePyJson(readFileSync(fixturePath('15_nan_in_additional_state.json'), 'utf8')) as PyObject
    expect(counter.countMessages(doc.get('messages') as unknown[]).total).toBe(3)
  })

  it('gives the same numbers for the lossless value model as for plain JSON', () => {
    for (const name of ['03_tool_calls.json', '07_dict_and_list_content.json', '08_unicode_emoji_rtl.json']) {
      const doc = parsePyJson(readFileSync(fixturePath(name), 'utf8')) as PyObject
      const plain = counter.countMessages(fixtureMessages(name))
      expect(counter.countMessages(doc.get('messages') as unknown[])).toEqual(plain)
    }
  })
})
