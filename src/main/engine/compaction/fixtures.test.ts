import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ManagedMemoryConfig } from '../marsys/memory/managedConfig'
import { parseMemoryFile } from '../marsys/memory/memoryFile'
import { MarsysFile, createMarsysFile, diagnoseMarsysBuffer } from '../marsys/codec'
import { fixturePath } from '../testing/fixtures'
import { compactedFileBytes, compactionInput } from './compactedFile'
import { simulateCompaction } from './simulate'
import { goldenScenario as golden } from './testdata/golden'
import type { CompactionModel } from './types'

const fixture = (name: string): Buffer => readFileSync(fixturePath(name))

const stubModel = (name: string, reply: string): CompactionModel => ({ name, complete: async () => reply })

/**
 * Fixtures 09 and 09b are files MARSYS wrote after compacting; the conversations before compaction are not in them,
 * so the generator rebuilt conversations of the kind their README describes and ran MARSYS on them. Here the same
 * conversations, saved as files, go through the simulation and the writer: the bytes must be the fixture's.
 */
describe.each([
  ['09_managed_compacted.json', '09_summarized'],
  ['09b_managed_compacted_no_model.json', '09b_no_model'],
])('%s', (fixtureName, scenario) => {
  it('is reproduced byte for byte from the conversation before compaction', async () => {
    const g = golden(scenario)
    const before = MarsysFile.open(
      createMarsysFile({ memoryType: 'managed_conversation', messages: g.before, timestamp: 1795317000.5 }),
    )
    const input = compactionInput(before)
    const model = g.reply === null ? null : stubModel(g.runtime.compaction_model_name!, g.reply)
    const simulation = await simulateCompaction(input.messages, new ManagedMemoryConfig(g.config), { model })
    const expected = fixture(fixtureName)
    const timestamp = MarsysFile.open(expected).timestamp!
    const bytes = compactedFileBytes(before, input, simulation, timestamp)
    expect(bytes.toString('utf8')).toBe(expected.toString('utf8'))
  })
})

describe('09: the summarised file', () => {
  it('has the shapes MARSYS writes', () => {
    const messages = parseMemoryFile(fixture('09_managed_compacted.json').toString('utf8'), '09').messages
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'assistant'])
    expect(messages[0].content).toMatch(/^\[User Requests Summary\]\n/)
    expect(messages[1].content).toMatch(
      /^\[Compacted Context Summary\]\n.*\n\n\[Key Facts\]\n- .*\n\n\[Open Threads\]\n- /s,
    )
    expect(messages[1].name).toBe('compaction_stub-haiku')
  })
})

describe('09c: a memory over its threshold that was never compacted', () => {
  const file = MarsysFile.open(fixture('09c_managed_over_trigger_uncompacted.json'))
  const input = compactionInput(file)
  const config = new ManagedMemoryConfig({ threshold_tokens: 500 })

  it('would be compacted: summarisation is skipped without a model, packing keeps the newest turns', async () => {
    const simulation = await simulateCompaction(input.messages, config)
    const n = input.messages.length
    expect(simulation.triggered).toBe(true)
    expect(simulation.tokensBefore).toBeGreaterThan(500)
    expect(simulation.stages.map((s) => [s.name, s.ran, s.skippedReason])).toEqual([
      ['tool_truncation', false, 'insufficient_reduction'],
      ['summarization', false, 'no_model'],
      ['backward_packing', true, null],
    ])
    // Packed into int(500 * 0.6) = 300 tokens, newest first, with the protected last assistant turn.
    expect(simulation.targetTokens).toBe(300)
    expect(simulation.tokensAfter).toBeLessThanOrEqual(300)
    // The newest seven turns survive; turn 28 (the last user message before the protected tail) carries
    // MARSYS's summarization instruction, merged in although there was no model to send it to.
    expect(simulation.origins).toEqual([23, 24, 25, 26, 27, null, 29])
    expect(simulation.messages[5].content).toEqual([
      { type: 'text', text: input.messages[n - 2].content },
      { type: 'text', text: expect.stringMatching(/^Now summarize the conversation above\./) },
    ])
    expect(simulation.stages[1].modified).toEqual([n - 2])
    expect(simulation.warnings.join('\n')).toMatch(/changed message 28: MARSYS merges/)
    const packing = simulation.stages[2]
    expect(packing.removed).toEqual(Array.from({ length: 23 }, (_, i) => i))
    expect(packing.modified).toEqual([])
    expect([packing.tokensBefore, packing.tokensAfter]).toEqual([1085, 280])
    expect(simulation.stages[0].tokensAfter).toBe(simulation.tokensBefore)
  })

  it('saves as a file MARSYS loads, untouched messages byte for byte', async () => {
    const simulation = await simulateCompaction(input.messages, config)
    const bytes = compactedFileBytes(file, input, simulation, 1795317999.25)
    expect(diagnoseMarsysBuffer(bytes).marsysLoadable).toBe(true)
    const saved = MarsysFile.open(bytes)
    expect(saved.memoryType).toBe('managed_conversation')
    expect(saved.messageCount).toBe(simulation.messages.length)
    simulation.origins.forEach((origin, i) => {
      if (origin !== null) expect(saved.messageBytes(i).equals(file.messageBytes(origin))).toBe(true)
      else expect(saved.decodeMessagePlain(i)).toEqual(simulation.messages[i])
    })
  })

  it('is not compacted at the default threshold (150 000 tokens)', async () => {
    const simulation = await simulateCompaction(input.messages, new ManagedMemoryConfig())
    expect(simulation.triggered).toBe(false)
    expect(simulation.notTriggeredReason).toMatch(/not above threshold_tokens 150000/)
    expect(simulation.messages).toEqual(input.messages)
  })
})
