import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixturePath } from '../../testing/fixtures'
import { backgroundRemovalsSettled } from '../../fs/atomicWrite'
import { AgentConfigurationError, MarsysLoadError, MarsysNotImplementedError } from './marsysErrors'
import type { FactExtractor } from './kgMemory'
import { KGMemory } from './kgMemory'
import { ManagedConversationMemory } from './managedMemory'
import { ManagedMemoryConfig } from './managedConfig'
import { MemoryManager, type MemoryManagerOptions } from './marsysMemoryManager'
import { createNodeMemoryManager } from './marsysMemoryManager.node'
import { Message } from './message'

const noFacts: FactExtractor = { run: () => '[]' }

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marsys-api-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const readText = (path: string): Promise<string> => readFile(path, 'utf8')
const withoutTimestamp = (text: string): string =>
  text.replace(/\n {2}"timestamp": [^\n,]+(,?)\n/, '\n  "timestamp": <t>$1\n')

function managerFor(memoryType: string, opts: MemoryManagerOptions = {}): MemoryManager {
  return createNodeMemoryManager({ memoryType, model: memoryType === 'kg' ? noFacts : undefined, ...opts })
}

async function resave(name: string, memoryType: string): Promise<{ original: string; saved: string }> {
  const manager = managerFor(memoryType)
  const additionalState = await manager.loadFromFile(fixturePath(name))
  const out = join(dir, name)
  await manager.saveToFile(out, additionalState)
  return { original: await readText(fixturePath(name)), saved: await readText(out) }
}

describe('MemoryManager — construction', () => {
  it('rejects an unknown memory type and a kg memory without model', () => {
    expect(() => new MemoryManager({ memoryType: 'vector' })).toThrow(AgentConfigurationError)
    expect(() => new MemoryManager({ memoryType: 'vector' })).toThrow('Unknown memory_type: vector')
    expect(() => new MemoryManager({ memoryType: 'kg' })).toThrow(AgentConfigurationError)
  })

  it('builds the memory for each type and defaults to conversation_history', () => {
    expect(new MemoryManager().memoryType).toBe('conversation_history')
    expect(new MemoryManager({ memoryType: 'managed_conversation' }).memoryModule).toBeInstanceOf(
      ManagedConversationMemory,
    )
    expect(new MemoryManager({ memoryType: 'kg', model: noFacts }).memoryModule).toBeInstanceOf(KGMemory)
  })

  it('stores the description as a system message only for conversation_history', () => {
    expect(new MemoryManager({ description: 'Be brief' }).retrieveAll()).toEqual([
      { role: 'system', content: 'Be brief' },
    ])
    expect(
      new MemoryManager({ memoryType: 'managed_conversation', description: 'Be brief' }).retrieveAll(),
    ).toEqual([])
  })

  it('accepts historical config names and a token counter without modifying the given config', () => {
    const config = new ManagedMemoryConfig({ max_total_tokens_trigger: 500 })
    const manager = new MemoryManager({
      memoryType: 'managed_conversation',
      memoryConfig: config,
      tokenCounter: () => 7,
    })
    manager.add({ role: 'user', content: 'hi' })
    const memory = manager.memoryModule as ManagedConversationMemory
    expect(memory.config.thresholdTokens).toBe(500)
    expect(memory.getCacheStats().estimated_total_tokens).toBe(7)
    expect(config.tokenCounter).toBeNull()
  })

  it('delegates extraction to kg memories only', async () => {
    expect(() => new MemoryManager().extractAndUpdateFromText('x')).toThrow(MarsysNotImplementedError)
    const kg = new MemoryManager({
      memoryType: 'kg',
      model: { run: () => '[{"subject":"a","predicate":"b","object":"c"}]' },
    })
    await kg.extractAndUpdateFromText('a b c', 'user')
    expect(kg.retrieveAll()).toEqual([{ role: 'user', content: 'Fact (user): a b c.' }])
  })

  it('needs a file store for file operations', async () => {
    await expect(new MemoryManager().saveToFile(join(dir, 'x.json'))).rejects.toThrow(AgentConfigurationError)
  })
})

describe('MemoryManager.saveToFile — the format', () => {
  it('writes MARSYS key order, indent 2, ASCII escapes, a float timestamp and no trailing newline', async () => {
    const manager = managerFor('conversation_history', { clock: () => 1795317862 })
    manager.add({ role: 'user', content: 'Zürich 😀' })
    const path = join(dir, 'nested', 'deeper', 'memory.json')
    await manager.saveToFile(path)
    expect(await readText(path)).toBe(
      '{\n  "memory_type": "conversation_history",\n  "messages": [\n    {\n      "role": "user",\n' +
        '      "content": "Z\\u00fcrich \\ud83d\\ude00"\n    }\n  ],\n  "timestamp": 1795317862.0\n}',
    )
  })

  it('writes additional_state only when truthy', async () => {
    const manager = managerFor('conversation_history', { clock: () => 1.5 })
    for (const empty of [undefined, null, {}, [], 0, '']) {
      expect(manager.serialize(empty)).not.toContain('additional_state')
    }
    expect(manager.serialize({ tools_version: 3 })).toMatch(
      /"timestamp": 1.5,\n {2}"additional_state": \{\n {4}"tools_version": 3\n {2}\}\n\}$/,
    )
  })

  it('leaves the previous file intact when the state cannot be serialised (MARSYS leaves a truncated file)', async () => {
    const path = join(dir, 'memory.json')
    const manager = managerFor('conversation_history', { clock: () => 1 })
    manager.add({ role: 'user', content: 'x' })
    await manager.saveToFile(path)
    const before = await readText(path)
    await expect(manager.saveToFile(path, { when: new Date() })).rejects.toThrow(/not JSON serializable/)
    expect(await readText(path)).toBe(before)
  })

  it('inlines image files read from disk', async () => {
    const image = join(dir, 'pixel.gif')
    await writeFile(image, Buffer.from('GIF89a'))
    const manager = managerFor('conversation_history')
    manager.add({
      role: 'user',
      content: 'Look',
      images: [image, join(dir, 'missing.png'), 'https://example.com/a.png'],
    })
    expect(manager.retrieveAll()[0].content).toEqual([
      { type: 'text', text: 'Look' },
      { type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lGODlh' } },
    ])
  })

  it('keeps the previous file as .bak and leaves no temp file', async () => {
    const path = join(dir, 'memory.json')
    const manager = managerFor('conversation_history', { clock: () => 1 })
    await manager.saveToFile(path)
    manager.add({ role: 'user', content: 'second' })
    await manager.saveToFile(path)
    expect(await readText(`${path}.bak`)).not.toContain('second')
    expect(await readText(path)).toContain('second')
    await backgroundRemovalsSettled()
    expect((await readdir(dir)).sort()).toEqual(['memory.json', 'memory.json.bak'])
  })
})

describe('MemoryManager — fixture round trips (bytes equal except the timestamp)', () => {
  const cases: Array<[string, string]> = [
    ['01_plain_conversation.json', 'conversation_history'],
    ['02_system_prompt.json', 'conversation_history'],
    ['03_tool_calls.json', 'conversation_history'],
    ['05_images.json', 'conversation_history'],
    ['06_structured_data.json', 'conversation_history'],
    ['07_dict_and_list_content.json', 'conversation_history'],
    ['08_unicode_emoji_rtl.json', 'conversation_history'],
    ['09_managed_compacted.json', 'managed_conversation'],
    ['09b_managed_compacted_no_model.json', 'managed_conversation'],
    ['09c_managed_over_trigger_uncompacted.json', 'managed_conversation'],
    ['10_kg_facts.json', 'kg'],
    ['11_empty_conversation.json', 'conversation_history'],
    ['11b_empty_managed.json', 'managed_conversation'],
    ['11c_empty_kg.json', 'kg'],
    ['12_large_20000.json', 'conversation_history'],
    ['13_agent_state_with_planning.json', 'managed_conversation'],
    ['15_nan_in_additional_state.json', 'conversation_history'],
    ['16_resaved_03_after_load.json', 'conversation_history'],
  ]

  it.each(cases)('%s', async (name, memoryType) => {
    const { original, saved } = await resave(name, memoryType)
    expect(saved).not.toBe(original) // the timestamp always changes
    expect(withoutTimestamp(saved)).toBe(withoutTimestamp(original))
  })

  it('keeps tool_call_id where MARSYS loses it: our resave of 03 is 03, not 16', async () => {
    const { saved } = await resave('03_tool_calls.json', 'conversation_history')
    const lossy = await readText(fixturePath('16_resaved_03_after_load.json'))
    expect(saved).toContain('"tool_call_id": "call_wx_paris"')
    expect(withoutTimestamp(saved)).not.toBe(withoutTimestamp(lossy))
  })

  it('returns additional_state as plain values that index and serialise like JSON, keys in the file order', async () => {
    const manager = managerFor('conversation_history')
    const state = (await manager.loadFromFile(fixturePath('15_nan_in_additional_state.json'))) as Record<
      string,
      unknown
    >
    expect(state.score).toBeNaN()
    expect(state.inf).toBe(Infinity)
    expect(state['7']).toBe('int key becomes string')
    expect(Object.keys(state)).toEqual(['score', 'inf', '7', 'none'])
    expect(JSON.stringify(state)).toBe('{"score":null,"inf":null,"7":"int key becomes string","none":null}')
  })

  it('writes a loaded additional_state back with the file spelling, also after the caller changed part of it', () => {
    const text = [
      '{"memory_type": "conversation_history", "messages": [], "timestamp": 2.0,',
      ' "additional_state": {"b": 5.0, "7": NaN, "a": [1.50, {"x": 2.0}], "dup": 1, "dup": 2.0}}',
    ].join('')
    const manager = managerFor('conversation_history', { clock: () => 2 })
    const state = manager.loadFromText(text, 'inline.json').additionalState as Record<string, unknown>
    expect(JSON.stringify(state)).toBe('{"b":5,"7":null,"a":[1.5,{"x":2}],"dup":2}')
    const exact = '"additional_state": {\n    "b": 5.0,\n    "7": NaN,'
    expect(manager.serialize(state)).toContain(exact)
    expect(manager.serialize(state)).toContain('"dup": 1,\n    "dup": 2.0\n')
    state.c = 3
    ;(state.a as unknown[]).push(4)
    const changed = manager.serialize(state)
    expect(changed).toContain(exact)
    expect(changed).toContain('1.50,')
    expect(changed).toContain('"x": 2.0')
    expect(changed).toContain('4\n    ],')
    expect(changed).toContain('"dup": 2.0,\n    "c": 3\n')
  })

  it('keeps reasoning_details on load', async () => {
    const path = join(dir, 'reasoning.json')
    const manager = managerFor('conversation_history', { clock: () => 2 })
    manager.add(
      new Message({
        role: 'assistant',
        content: 'x',
        reasoningDetails: [{ type: 'reasoning.encrypted', data: 'sig' }],
      }),
    )
    await manager.saveToFile(path)
    const reloaded = managerFor('conversation_history', { clock: () => 2 })
    await reloaded.loadFromFile(path)
    const details = reloaded.retrieveAll()[0].reasoning_details ?? []
    expect(details).toEqual([{ type: 'reasoning.encrypted', data: 'sig' }])
  })

  it('hands out plain values that index and serialise like JSON, in the file order, and still resaves exactly', () => {
    const text = [
      '{"memory_type": "conversation_history", "messages": [',
      '{"role": "assistant", "content": [{"type": "text", "text": "hi", "score": 5.0}],',
      ' "reasoning_details": [{"type": "t", "7": NaN, "index": 0}]}',
      '], "timestamp": 2.0}',
    ].join('')
    const manager = managerFor('conversation_history', { clock: () => 2 })
    manager.loadFromText(text, 'inline.json')
    const [message] = manager.retrieveAll()
    const detail = (message.reasoning_details ?? [])[0] as Record<string, unknown>
    expect(detail.type).toBe('t')
    expect(detail['7']).toBeNaN()
    expect(JSON.stringify(manager.retrieveAll())).toBe(
      '[{"role":"assistant","content":[{"type":"text","text":"hi","score":5}],' +
        '"reasoning_details":[{"type":"t","7":null,"index":0}]}]',
    )
    expect(manager.retrieveById('nope')).toBeNull()
    // The codec still has the exact text: 5.0 and NaN are written back as they were.
    expect(manager.serialize()).toContain('"score": 5.0')
    expect(manager.serialize()).toContain('"7": NaN')
  })
})

describe('MemoryManager.loadFromFile — acceptance rules', () => {
  const handmade = (name: string): string => fixturePath(`load_inputs_handmade/${name}`)

  it('returns null and leaves the memory untouched for a missing file', async () => {
    const warnings: string[] = []
    const manager = managerFor('conversation_history', { onWarning: (w) => warnings.push(w) })
    manager.add({ role: 'user', content: 'kept' })
    expect(await manager.loadFromFile(join(dir, 'nope.json'))).toBeNull()
    expect(manager.retrieveAll()).toEqual([{ role: 'user', content: 'kept' }])
    expect(warnings[0]).toMatch(/does not exist/)
  })

  it('clears the memory before loading', async () => {
    const manager = managerFor('conversation_history')
    manager.add({ role: 'user', content: 'old' })
    await manager.loadFromFile(fixturePath('01_plain_conversation.json'))
    expect(manager.retrieveAll()).toHaveLength(4)
    expect(manager.retrieveAll()[0].content).toBe('What is the capital of France?')
  })

  it.each([
    ['not_json.json', '$', /invalid JSON/],
    ['top_level_list.json', '$', /top level is a list/],
    ['messages_not_list.json', '$.messages', /not iterable/],
    ['missing_role.json', '$.messages[1].role', /no role/],
    ['bad_tool_call.json', '$.messages[0].tool_calls[0].function.arguments', /arguments must be a string/],
  ])('rejects %s with MarsysLoadError at %s', async (name, jsonPath, reason) => {
    const manager = managerFor('conversation_history')
    manager.add({ role: 'user', content: 'untouched' })
    const error = await manager.loadFromFile(handmade(name)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MarsysLoadError)
    expect((error as MarsysLoadError).filePath).toBe(handmade(name))
    expect((error as MarsysLoadError).jsonPath).toBe(jsonPath)
    expect((error as MarsysLoadError).message).toMatch(reason)
    // Unlike MARSYS (which resets first), a file that fails validation leaves the memory as it was.
    expect(manager.retrieveAll()).toEqual([{ role: 'user', content: 'untouched' }])
  })

  it('reports the line and column of a syntax error (truncated save)', async () => {
    const error = (await managerFor('conversation_history')
      .loadFromFile(fixturePath('invalid/truncated_by_failed_save.json'))
      .catch((e: unknown) => e)) as MarsysLoadError
    expect(error).toBeInstanceOf(MarsysLoadError)
    expect(error.line).toBeGreaterThan(1)
    expect(error.details).toMatchObject({
      file: fixturePath('invalid/truncated_by_failed_save.json'),
      path: '$',
    })
  })

  it('skips non-dict entries with a warning', async () => {
    const manager = managerFor('conversation_history')
    const report = await manager.loadFromFileWithReport(handmade('non_dict_entries_skipped.json'))
    expect(manager.retrieveAll()).toEqual([{ role: 'user', content: 'kept' }])
    expect(report.warnings.filter((w) => w.code === 'entry_skipped').map((w) => w.jsonPath)).toEqual([
      '$.messages[0]',
      '$.messages[1]',
      '$.messages[2]',
    ])
  })

  it('ignores unknown keys but keeps tool_call_id, reasoning_details and agent_calls', async () => {
    const manager = managerFor('conversation_history')
    const report = await manager.loadFromFileWithReport(handmade('extra_keys_ignored.json'))
    const [stored] = (manager.memoryModule as { getStoredMessages(): readonly Message[] }).getStoredMessages()
    expect(stored.toolCallId).toBe('c1')
    expect(stored.reasoningDetails).toHaveLength(1)
    expect(stored.agentCalls?.[0].agentName).toBe('A')
    expect(stored.structuredData).toBeNull()
    expect(manager.retrieveAll()).toEqual([{ role: 'tool', content: 'r', tool_call_id: 'c1', name: 't' }])
    expect(report.warnings.map((w) => w.message).join('\n')).toMatch(
      /version[\s\S]*message_id, structured_data/,
    )
  })

  it('loads a missing content as null, a type mismatch with a warning, and an empty object as empty', async () => {
    const manager = managerFor('conversation_history')
    await manager.loadFromFile(handmade('content_missing.json'))
    expect(manager.retrieveAll()).toEqual([{ role: 'assistant', content: null }])

    const mismatch = await manager.loadFromFileWithReport(handmade('memory_type_mismatch.json'))
    expect(mismatch.warnings[0].code).toBe('memory_type_mismatch')
    expect(manager.retrieveAll()).toEqual([{ role: 'user', content: 'from a kg file' }])

    const empty = await manager.loadFromFileWithReport(handmade('no_memory_type_no_messages.json'))
    expect(empty.warnings[0].message).toMatch(/file has 'None'/)
    expect(manager.retrieveAll()).toEqual([])
  })

  it('rejects a UTF-8 BOM like Python does', async () => {
    const path = join(dir, 'bom.json')
    await writeFile(path, '\ufeff{"messages": []}')
    await expect(managerFor('conversation_history').loadFromFile(path)).rejects.toThrow(/BOM/)
  })

  it('does not duplicate an identical system prompt, loading twice or with the same description', async () => {
    const manager = managerFor('conversation_history', { description: 'You are an agent with tools.' })
    await manager.loadFromFile(fixturePath('03_tool_calls.json'))
    await manager.loadFromFile(fixturePath('03_tool_calls.json'))
    const roles = manager.retrieveAll().map((m) => m.role)
    expect(roles.filter((r) => r === 'system')).toHaveLength(1)
    expect(roles).toHaveLength(11)
  })

  it('keeps both system messages when they differ, and says so', async () => {
    const manager = managerFor('conversation_history', { description: 'Another prompt' })
    const report = await manager.loadFromFileWithReport(fixturePath('02_system_prompt.json'))
    expect(manager.retrieveAll().map((m) => m.role)).toEqual(['system', 'system', 'user', 'assistant'])
    expect(report.warnings.map((w) => w.code)).toContain('system_prompt_kept')
  })

  it('recomputes a managed memory token count from the loaded content', async () => {
    const manager = managerFor('managed_conversation')
    await manager.loadFromFile(fixturePath('09c_managed_over_trigger_uncompacted.json'))
    expect((manager.memoryModule as ManagedConversationMemory).getCacheStats().estimated_total_tokens).toBe(
      1050,
    )
  })

  it('reads kg renderings back as facts (MARSYS nests them as raw_content)', async () => {
    const manager = managerFor('kg')
    await manager.loadFromFile(fixturePath('10_kg_facts.json'))
    const facts = (manager.memoryModule as KGMemory).getFacts()
    expect(facts[1]).toMatchObject({
      role: 'user',
      subject: 'Paris',
      predicate: 'is',
      object: 'the capital of France',
    })
    expect(facts[0]).toMatchObject({ subject: 'system_configuration', predicate: 'has_initial_description' })
  })

  it('stores non-fact content loaded into a kg memory as raw content', async () => {
    const manager = managerFor('kg')
    await manager.loadFromFile(fixturePath('01_plain_conversation.json'))
    expect(manager.retrieveAll()[0]).toEqual({
      role: 'user',
      content: 'Fact (user): raw_content contains What is the capital of France?.',
    })
  })
})

describe('MemoryManager — sliding-window save', () => {
  it('writes only the window and updates the cache counters, as MARSYS does', async () => {
    const memoryConfig = new ManagedMemoryConfig({
      threshold_tokens: 500,
      active_context: { mode: 'sliding_window' },
    })
    const manager = managerFor('managed_conversation', { memoryConfig })
    await manager.loadFromFile(fixturePath('09c_managed_over_trigger_uncompacted.json'))
    const saved = JSON.parse(manager.serialize()) as { messages: unknown[] }
    // target int(int(500 * 0.6) * 0.9) = 270 tokens; every message is 35 -> 7 messages
    expect(saved.messages).toHaveLength(7)
    expect((manager.memoryModule as ManagedConversationMemory).getCacheStats()).toMatchObject({
      cache_valid: true,
      cached_count: 7,
    })
  })
})
