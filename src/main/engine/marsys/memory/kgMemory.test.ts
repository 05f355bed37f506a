import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '../../testing/fixtures'
import { MarsysIndexError, MessageError } from './marsysErrors'
import { parseFactRendering, renderFact } from './kgFacts'
import { FACT_EXTRACTION_PROMPT, type FactExtractor, KGMemory } from './kgMemory'
import type { LlmDict } from './llmDict'

/** A clock that ticks one second per call, so fact timestamps are distinct and predictable. */
const ticking = (start = 100) => {
  let t = start
  return () => t++
}

const silentModel: FactExtractor = { run: () => '[]' }

const kgFixture = (): LlmDict[] =>
  (JSON.parse(readFileSync(fixturePath('10_kg_facts.json'), 'utf8')) as { messages: LlmDict[] }).messages

describe('fact rendering', () => {
  it('renders MARSYS’s f-string, adding a period even after one', () => {
    expect(renderFact({ role: 'tool', subject: 'Eiffel Tower', predicate: 'height_m', object: '330' })).toBe(
      'Fact (tool): Eiffel Tower height_m 330.',
    )
    expect(renderFact({ role: 'user', subject: 'a', predicate: 'b', object: 'c.' })).toBe(
      'Fact (user): a b c..',
    )
  })

  it('parses every rendering in 10_kg_facts.json back to its role and text', () => {
    const parsed = kgFixture().map((m) => parseFactRendering(m.content as string))
    expect(parsed.map((p) => p?.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user'])
    expect(parsed[0]).toEqual({
      role: 'system',
      subject: 'system_configuration',
      predicate: 'has_initial_description',
      object: 'Facts about European capitals',
      ambiguous: false,
      text: 'system_configuration has_initial_description Facts about European capitals',
    })
    expect(parsed[1]).toMatchObject({
      subject: 'Paris',
      predicate: 'is',
      object: 'the capital of France',
      ambiguous: true,
    })
    // "Eiffel Tower height_m 330" really was (Eiffel Tower, height_m, 330): three words, but not the split we guess.
    expect(parsed[3]).toMatchObject({
      subject: 'Eiffel',
      predicate: 'Tower',
      object: 'height_m 330',
      ambiguous: true,
    })
    expect(parsed[4]).toMatchObject({ subject: 'Zürich', object: 'in Schweiz 🇨🇭' })
  })

  it('re-renders each parsed fact to the same text', () => {
    for (const m of kgFixture()) {
      const p = parseFactRendering(m.content as string)!
      expect(renderFact(p)).toBe(m.content)
    }
  })

  it('reads raw_content facts exactly and rejects text that is not a rendering', () => {
    expect(
      parseFactRendering('Fact (user): raw_content contains Fact (user): Paris is nice..'),
    ).toMatchObject({
      subject: 'raw_content',
      predicate: 'contains',
      object: 'Fact (user): Paris is nice.',
      ambiguous: false,
    })
    expect(parseFactRendering('Fact (user): a b c.')).toMatchObject({
      subject: 'a',
      predicate: 'b',
      object: 'c',
      ambiguous: false,
    })
    expect(parseFactRendering('Fact (user): ab.')).toMatchObject({ subject: 'ab', ambiguous: true })
    expect(parseFactRendering('Hello')).toBeNull()
    expect(parseFactRendering('Fact (user): no final period')).toBeNull()
  })
})

describe('KGMemory', () => {
  it('starts with the description fact and renders facts in timestamp order', () => {
    const kg = new KGMemory({
      model: silentModel,
      description: 'Facts about European capitals',
      clock: ticking(),
    })
    kg.addFact('user', 'Paris', 'is the capital of', 'France')
    kg.addFact('assistant', 'Berlin', 'is the capital of', 'Germany')
    expect(kg.retrieveAll()).toEqual([
      {
        role: 'system',
        content: 'Fact (system): system_configuration has_initial_description Facts about European capitals.',
      },
      { role: 'user', content: 'Fact (user): Paris is the capital of France.' },
      { role: 'assistant', content: 'Fact (assistant): Berlin is the capital of Germany.' },
    ])
    expect(Object.keys(kg.getFacts()[0])).toEqual([
      'role',
      'subject',
      'predicate',
      'object',
      'timestamp',
      'message_id',
    ])
  })

  it('orders recent and by-role newest first, with n limits', () => {
    const kg = new KGMemory({ model: silentModel, clock: ticking() })
    for (const [role, s] of [
      ['user', 'a'],
      ['assistant', 'b'],
      ['user', 'c'],
    ])
      kg.addFact(role, s, 'p', 'o')
    expect(kg.retrieveRecent(2).map((d) => d.content)).toEqual([
      'Fact (user): c p o.',
      'Fact (assistant): b p o.',
    ])
    expect(kg.retrieveRecent(0)).toEqual([])
    expect(kg.retrieveByRole('user').map((d) => d.content)).toEqual([
      'Fact (user): c p o.',
      'Fact (user): a p o.',
    ])
    expect(kg.retrieveByRole('user', 1)).toHaveLength(1)
    expect(kg.retrieveByRole('user', -1)).toHaveLength(2)
  })

  it('keeps insertion order for equal timestamps', () => {
    const kg = new KGMemory({ model: silentModel, clock: () => 5 })
    kg.addFact('user', 'first', 'p', 'o')
    kg.addFact('user', 'second', 'p', 'o')
    expect(kg.retrieveAll().map((d) => d.content)).toEqual([
      'Fact (user): first p o.',
      'Fact (user): second p o.',
    ])
    expect(kg.retrieveRecent(2).map((d) => d.content)).toEqual([
      'Fact (user): first p o.',
      'Fact (user): second p o.',
    ])
  })

  it('stores added content as raw_content and stores the facts the model extracts', async () => {
    const calls: unknown[] = []
    const model: FactExtractor = {
      run: async (messages, options) => {
        calls.push({ messages, options })
        return '[{"subject": "Paris", "predicate": "is the capital of", "object": "France"}, {"subject": "x"}]'
      },
    }
    const warnings: string[] = []
    const kg = new KGMemory({ model, clock: ticking(), onWarning: (w) => warnings.push(w) })
    const id = kg.add({ role: 'user', content: 'Paris is the capital of France' })
    await kg.whenIdle()
    expect(kg.retrieveById(id)).toEqual({
      role: 'user',
      content: 'Fact (user): raw_content contains Paris is the capital of France.',
    })
    expect(kg.retrieveAll()[1]).toEqual({
      role: 'user',
      content: 'Fact (user): Paris is the capital of France.',
    })
    expect(calls).toEqual([
      {
        messages: [
          { role: 'system', content: FACT_EXTRACTION_PROMPT },
          { role: 'user', content: 'Paris is the capital of France' },
        ],
        options: { jsonMode: true },
      },
    ])
    expect(warnings).toEqual([`Skipping invalid fact format during KG extraction: {'subject': 'x'}`])
  })

  it('writes "empty" for falsy content and does not extract then', async () => {
    let called = false
    const kg = new KGMemory({ model: { run: () => ((called = true), '[]') } })
    kg.add({ role: 'user', content: '' })
    kg.add({ role: 'user', content: { a: 1 } })
    await kg.whenIdle()
    expect(kg.retrieveAll().map((d) => d.content)).toEqual([
      'Fact (user): raw_content contains empty.',
      "Fact (user): raw_content contains {'a': 1}.",
    ])
    expect(called).toBe(true) // only for the dict
  })

  it('survives a failing model or a non-list reply, reporting it', async () => {
    const warnings: string[] = []
    const kg = new KGMemory({ model: { run: () => 'not json' }, onWarning: (w) => warnings.push(w) })
    expect(await kg.extractAndUpdateFromText('x')).toEqual([])
    const failing = new KGMemory({
      model: { run: () => Promise.reject(new Error('down')) },
      onWarning: (w) => warnings.push(w),
    })
    expect(await failing.extractAndUpdateFromText('x')).toEqual([])
    const dict = new KGMemory({
      model: { run: () => ({ content: 'x' }) },
      onWarning: (w) => warnings.push(w),
    })
    await dict.extractAndUpdateFromText('x')
    expect(warnings).toEqual([
      'KG extraction result was string but not valid JSON: not json',
      'Error during KG fact extraction: down',
      "KG extraction result was not a list: {'content': 'x'}",
    ])
  })

  it('updates facts in place from a subject/predicate/object dict', () => {
    const warnings: string[] = []
    const kg = new KGMemory({ model: silentModel, onWarning: (w) => warnings.push(w) })
    kg.addFact('user', 'a', 'b', 'c')
    const id = kg.getFacts()[0].message_id
    kg.update(id, { role: 'assistant', content: { object: 'z' } })
    kg.update(id, { content: 'not a dict' })
    expect(kg.retrieveById(id)).toEqual({ role: 'assistant', content: 'Fact (assistant): a b z.' })
    expect(warnings).toHaveLength(1)
    expect(() => kg.update('nope', {})).toThrow(MessageError)
  })

  it('deletes, removes, replaces and resets', () => {
    const kg = new KGMemory({ model: silentModel, description: 'd', clock: ticking() })
    kg.addFact('user', 'a', 'b', 'c')
    expect(() => kg.deleteMemory(2)).toThrow('KG index out of range.')
    expect(() => kg.replaceMemory(-1, { role: 'user' })).toThrow(MarsysIndexError)
    kg.replaceMemory(1, { role: 'user', content: '' })
    expect(kg.retrieveAll()[1].content).toBe('Fact (user): raw_content contains empty.')
    expect(kg.removeById(kg.getFacts()[0].message_id)).toBe(true)
    kg.deleteMemory(0)
    expect(kg.retrieveAll()).toEqual([])
    kg.addFact('user', 'a', 'b', 'c')
    kg.resetMemory()
    expect(kg.retrieveAll()).toEqual([])
  })
})
