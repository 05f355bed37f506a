import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MARSYS_FIXTURES } from '../../engine/testing/fixtures'
import {
  failingToolConversation,
  leakedKeyConversation,
  LEAKED_OPENAI_KEY,
} from '../../engine/insights/testConversations'
import { main } from '../main'
import { captureIo, type CapturedIo } from '../testIo'
import type { InsightsJson } from './insights'

let io: CapturedIo
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'insights-cli-'))
  const file = (messages: unknown[]) =>
    JSON.stringify({ memory_type: 'conversation_history', messages, timestamp: 1 })
  await writeFile(join(dir, 'leak.json'), file(leakedKeyConversation()))
  await writeFile(join(dir, 'fail.json'), file(failingToolConversation()))
})
afterAll(() => rm(dir, { recursive: true, force: true }))
beforeEach(() => {
  io = captureIo(MARSYS_FIXTURES)
})

describe('memory-inspector insights', () => {
  it('prints readable sections for a MARSYS fixture', async () => {
    expect(await main(['insights', '16_resaved_03_after_load.json', '--threshold', '200'], io)).toBe(0)
    expect(io.out).toContain(
      '16_resaved_03_after_load.json — conversation_history, 11 messages, 1 user turns\n',
    )
    expect(io.out).toContain(
      '\nSuggested actions\n  [medium] compact: 85% of the threshold used — #2, #9, #4, #1, #10 (compaction-preview)\n',
    )
    expect(io.out).toContain('  [medium] 4 orphan tool results — #3, #4, #6, #8 (delete-messages)\n')
    expect(io.out).toContain('  [medium] 4 unanswered tool calls — #2, #5, #7 (remove-tool-calls)\n')
    expect(io.out).toContain('  get_weather: 2 calls, 0 failed — #2, #2\n')
    expect(io.out).toContain('  orphan result: #3 (no-tool-call-id)\n')
    expect(io.out).toContain('  places: Paris (#1, #2, #10); Berlin (#1, #2, #10)\n')
    expect(io.err).toBe('')
  })

  it('the failing tool and the leaked key, without printing the key', async () => {
    io = captureIo(dir)
    expect(await main(['insights', 'fail.json', '--skip-entities'], io)).toBe(0)
    expect(io.out).toContain(
      '  [high] tool read_file failed 5 times in a row — #2, #3, #4, #5, #6, #7, #8, #9, #10, #11',
    )
    expect(io.out).not.toContain('\nEntities\n')
    io = captureIo(dir)
    expect(await main(['insights', 'leak.json'], io)).toBe(0)
    expect(io.out).toContain(
      '  [high] secret-looking strings in 2 messages (API keys, tokens, passwords) — #1, #2 (redact)\n',
    )
    expect(io.out).toContain('  openai-key at $.messages[1].content [10, 54) sk-p… (44 chars)\n')
    expect(io.out).not.toContain(LEAKED_OPENAI_KEY)
  })

  it('--json: the full shapes; a kg file gets its graph', async () => {
    expect(await main(['insights', '--json', '10_kg_facts.json'], io)).toBe(0)
    const report = JSON.parse(io.out) as InsightsJson
    expect(report.memory_type).toBe('kg')
    expect(report.actions).toEqual([])
    expect(report.graph?.edges.map((e) => e.label)).toEqual([
      'has_initial_description',
      'is',
      'is',
      'height_m',
      'is',
      ...report.graph!.edges.slice(5).map(() => 'appears with'),
    ])
    expect(report.graph?.edges.length).toBeGreaterThan(5)
    expect(report.graph?.nodes.find((n) => n.label === 'Eiffel Tower')?.kinds).toEqual([
      'fact-subject',
      'place',
    ])
    expect(report.entities?.places.map((p) => p.text)).toContain('Paris')
    expect(report.analysis.tokens.perMessage).toHaveLength(5)
  })

  it('a kg file: no tool-pairing lines, facts and entities as a graph by label', async () => {
    expect(await main(['insights', '10_kg_facts.json'], io)).toBe(0)
    expect(io.out).not.toContain('orphan result')
    expect(io.out).not.toContain('\nTools\n')
    expect(io.out).toContain('\nKnowledge graph\n  13 nodes (7 entities), 5 facts, 6 entity links\n')
    expect(io.out).toContain('  Eiffel Tower —height_m→ 330 (#3)\n')
    expect(io.out).toContain('  Paris —is→ the capital of France (#1)\n')
    expect(io.out).toContain('  Paris ~ France (#1)\n')
  })

  it('bad input: one line, exit 1; a bad threshold is a usage error', async () => {
    expect(await main(['insights', 'invalid/truncated_by_failed_save.json'], io)).toBe(1)
    expect(io.err).toMatch(/^memory-inspector: invalid\/truncated_by_failed_save\.json: invalid JSON: .+\n$/)
    io = captureIo(MARSYS_FIXTURES)
    expect(await main(['insights', '--threshold', 'lots', '01_plain_conversation.json'], io)).toBe(2)
    expect(io.err).toMatch(
      /^memory-inspector: insights: --threshold must be a positive whole number of tokens, got lots\n/,
    )
  })
})
