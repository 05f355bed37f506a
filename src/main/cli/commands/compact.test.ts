import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMarsysFile, diagnoseMarsysBuffer, MarsysFile } from '../../engine/marsys/codec'
import { goldenScenario } from '../../engine/compaction/testdata/golden'
import { MARSYS_FIXTURES, fixturePath } from '../../engine/testing/fixtures'
import { main } from '../main'
import { captureIo, type CapturedIo } from '../testing/testIo'

let io: CapturedIo
let dir: string
beforeEach(async () => {
  io = captureIo(MARSYS_FIXTURES)
  dir = await mkdtemp(join(tmpdir(), 'mi-compact-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const OVER = '09c_managed_over_trigger_uncompacted.json'

describe('compact', () => {
  it('prints tokens and changed messages per stage as JSON', async () => {
    expect(
      await main(['compact', '--json', '--summarizer', 'none', '--threshold-tokens', '500', OVER], io),
    ).toBe(0)
    const report = JSON.parse(io.out)
    expect(report).toMatchObject({
      triggered: true,
      threshold_tokens: 500,
      target_tokens: 300,
      tokens_before: 1050,
      tokens_after: 280,
      messages_before: 30,
      messages_after: 7,
    })
    expect(
      report.stages.map((s: Record<string, unknown>) => [s.name, s.ran, s.tokens_before, s.tokens_after]),
    ).toEqual([
      ['tool_truncation', false, 1050, 1050],
      ['summarization', false, 1050, 1085],
      ['backward_packing', true, 1085, 280],
    ])
    expect(report.stages[1].changed).toEqual([28])
    expect(report.stages[2].changed).toEqual(Array.from({ length: 23 }, (_, i) => i))
    expect(report.warnings[0]).toMatch(/MARSYS merges its summarization instruction/)
  })

  it('summarises with the extractive summarizer by default, and shows it readably', async () => {
    expect(await main(['compact', '--threshold-tokens', '500', OVER], io)).toBe(0)
    expect(io.out).toContain(`${OVER}: 1,050 MARSYS tokens, threshold 500, target 300\n`)
    expect(io.out).toMatch(/\n {2}tool_truncation +skipped \(insufficient_reduction\) +1,050 → 1,050\n/)
    expect(io.out).toMatch(/\n {2}summarization +ran +1,050 → \d+ +removed 0-28; added 2\n/)
    expect(io.out).toMatch(/\n {2}backward_packing +ran +(\d+) → \1\n/)
    expect(io.out).toMatch(/result: \d+ tokens, 3 of 30 messages\n/)
  })

  it('says when MARSYS would not compact', async () => {
    expect(await main(['compact', '01_plain_conversation.json'], io)).toBe(0)
    expect(io.out).toContain('no compaction: 42 tokens is not above threshold_tokens 150000\n')
    expect(io.out).toContain('memory_type is conversation_history')
  })

  /** Compacts a copy of 09c as memory.json in the temp folder, without a model, at a 500-token threshold. */
  async function compactCopy(out: string): Promise<{ input: string; local: CapturedIo }> {
    const input = join(dir, 'memory.json')
    await copyFile(fixturePath(OVER), input)
    const local = captureIo(dir)
    const argv = ['compact', '--summarizer', 'none', '--threshold-tokens', '500', '-o', out, 'memory.json']
    expect(await main(argv, local)).toBe(0)
    return { input, local }
  }

  it('writes the compacted file with -o, which MARSYS loads, and leaves FILE alone', async () => {
    const { input, local } = await compactCopy('out.json')
    expect(local.out).toContain('written to out.json\n')
    expect((await readFile(input)).equals(await readFile(fixturePath(OVER)))).toBe(true)
    const written = await readFile(join(dir, 'out.json'))
    expect(diagnoseMarsysBuffer(written).marsysLoadable).toBe(true)
    expect(MarsysFile.open(written).messageCount).toBe(7)
    expect((await readdir(dir)).sort()).toEqual(['memory.json', 'out.json'])
  })

  it('replaces FILE only when it is given as OUT, keeping a backup', async () => {
    const { input } = await compactCopy('memory.json')
    expect(MarsysFile.open(await readFile(input)).messageCount).toBe(7)
    expect((await readFile(join(dir, 'memory.json.bak'))).equals(await readFile(fixturePath(OVER)))).toBe(
      true,
    )
  })

  it('reproduces fixture 09b from its conversation, with the processors and config given', async () => {
    const golden = goldenScenario('09b_no_model')
    await writeFile(
      join(dir, 'before.json'),
      createMarsysFile({ memoryType: 'managed_conversation', messages: golden.before }),
    )
    await writeFile(join(dir, 'config.json'), JSON.stringify({ threshold_tokens: 1000 }))
    const local = captureIo(dir)
    const argv = [
      'compact',
      '--config',
      'config.json',
      '--summarizer',
      'none',
      '--json',
      '-o',
      'after.json',
      'before.json',
    ]
    expect(await main(argv, local)).toBe(0)
    const after = MarsysFile.open(await readFile(join(dir, 'after.json')))
    const fixture = MarsysFile.open(await readFile(fixturePath('09b_managed_compacted_no_model.json')))
    expect([0, 1].map((i) => after.messageText(i))).toEqual([0, 1].map((i) => fixture.messageText(i)))
    expect(
      JSON.parse(local.out).stages.map((s: { name: string; changed: number[] }) => [s.name, s.changed]),
    ).toEqual([
      ['tool_truncation', [2, 4]],
      ['summarization', []],
      ['backward_packing', [1, 2, 3, 4]],
    ])
  })

  it.each([
    [['--threshold-tokens', 'lots'], /--threshold-tokens must be a positive integer, got "lots"/],
    [['--target-ratio', '1.5'], /--target-ratio must be a number between 0 and 1/],
    [['--processors', 'tool_truncation,compress'], /unknown: compress/],
    [['--summarizer', 'langswarm'], /--summarizer must be one of none, extractive, llm/],
  ])('refuses %j as a usage error', async (options, message) => {
    expect(await main(['compact', ...options, OVER], io)).toBe(2)
    expect(io.err).toMatch(message)
  })

  it('refuses a file MARSYS cannot load, saying where', async () => {
    expect(await main(['compact', '--force', 'load_inputs_handmade/missing_role.json'], io)).toBe(1)
    expect(io.err).toMatch(
      /^memory-inspector: load_inputs_handmade\/missing_role\.json: MARSYS cannot load this file, so it never compacts it: line 8, column 5, \$\.messages\[1\]: .*no 'role'/,
    )
  })

  it('refuses kg memories and bad config files with one line', async () => {
    expect(await main(['compact', '10_kg_facts.json'], io)).toBe(1)
    expect(io.err).toBe(
      'memory-inspector: 10_kg_facts.json: a kg memory holds facts, not a conversation: MARSYS does not compact it\n',
    )
    io.err = ''
    expect(await main(['compact', '--config', '03_tool_calls.json', OVER], io)).toBe(1)
    expect(io.err).toMatch(
      /^memory-inspector: 03_tool_calls\.json: Unrecognized keys: "memory_type", "messages", "timestamp"\n$/,
    )
    io.err = ''
    await writeFile(join(dir, 'bad.json'), '[1, 2]')
    expect(await main(['compact', '--config', join(dir, 'bad.json'), OVER], io)).toBe(1)
    expect(io.err).toMatch(/bad\.json: a managed memory config must be a JSON object\n$/)
    io.err = ''
    const typo = { threshold_tokens: '500', active_context: { min_reduction_ratio: 2, tool_truncaton: {} } }
    await writeFile(join(dir, 'typo.json'), JSON.stringify(typo))
    expect(await main(['compact', '--config', join(dir, 'typo.json'), OVER], io)).toBe(1)
    expect(io.err).toMatch(
      /typo\.json: threshold_tokens: Invalid input: expected number, received string; active_context\.min_reduction_ratio: Too big: expected number to be <=1; active_context: Unrecognized key: "tool_truncaton"\n$/,
    )
  })
})
