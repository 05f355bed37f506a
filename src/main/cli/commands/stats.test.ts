import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { TokenEstimator } from '../../../shared/model/langswarm'
import { dispatch } from '../../api/dispatch'
import { createHandlers } from '../../api/handlers'
import { createTestServices } from '../../api/testing/testServices'
import { MarsysFile } from '../../engine/marsys/codec'
import { readFixture } from '../../engine/testing/codecTestkit'
import { createTokenizerEstimator } from '../../engine/langswarm/tokenizerEstimator'
import { REPLY_PRIMING_TOKENS } from '../../engine/tokens/chatTokenRule'
import { countMessageTokens, type BpeEncoding } from '../../engine/tokens/messageTokens'
import { workerFromSource } from '../../engine/tokens/testing/sourceWorker'
import { MARSYS_FIXTURES, REPO_ROOT, fixturePath } from '../../engine/testing/fixtures'
import { main } from '../main'
import { captureIo } from '../testing/testIo'
import { addTokenFigures, computeStats, formatStats, parseTokenizers, type StatsJson } from './stats'

const ENCODINGS: BpeEncoding[] = ['o200k_base', 'cl100k_base']

/** The figures counted in this thread with the same rule, to compare with what the workers return. */
async function expectedFigures(file: MarsysFile) {
  const encoders = new Map<BpeEncoding, TokenEstimator>()
  for (const encoding of ENCODINGS) encoders.set(encoding, await createTokenizerEstimator(encoding))
  const perMessage = Array.from({ length: file.messageCount }, (_, i) =>
    countMessageTokens(file.decodeMessagePlain(i), encoders),
  )
  const total = (encoding: BpeEncoding) =>
    perMessage.reduce((sum, m) => sum + (m[encoding]?.total ?? 0), REPLY_PRIMING_TOKENS)
  return { perMessage, totals: { o200k_base: total('o200k_base'), cl100k_base: total('cl100k_base') } }
}

describe('stats --tokenizers', () => {
  it('adds MARSYS and BPE totals, and per message figures', async () => {
    const file = MarsysFile.open(readFixture('03_tool_calls.json'))
    const stats = await addTokenFigures(file, computeStats(file, true), ENCODINGS, true, {
      workerPath: await workerFromSource(),
    })
    const expected = await expectedFigures(file)
    expect(stats.tokens).toEqual({ marsys: 210, ...expected.totals })
    expect(stats.per_message_tokens).toHaveLength(11)
    stats.per_message_tokens?.forEach((figures, i) => {
      expect(figures).toEqual({
        marsys: stats.per_message?.[i],
        o200k_base: expected.perMessage[i].o200k_base?.total,
        cl100k_base: expected.perMessage[i].cl100k_base?.total,
      })
    })
    const text = formatStats('03_tool_calls.json', stats)
    expect(text).toContain(`  o200k_base tokens    ${expected.totals.o200k_base}\n`)
    expect(text).toContain('  #        tokens     o200k_base  cl100k_base\n')
  })

  it('marks entries MARSYS skips with null', async () => {
    const file = MarsysFile.open(readFixture('load_inputs_handmade/non_dict_entries_skipped.json'))
    const stats: StatsJson = await addTokenFigures(file, computeStats(file, true), ['o200k_base'], true, {
      workerPath: await workerFromSource(),
    })
    expect(stats.per_message_tokens?.slice(0, 3)).toEqual([null, null, null])
    expect(stats.per_message_tokens?.[3]).toMatchObject({ marsys: 4 })
  })

  it('parses the tokenizer list and refuses unknown names as a usage error', async () => {
    expect(parseTokenizers('o200k_base, cl100k_base,o200k_base')).toEqual(ENCODINGS)
    expect(parseTokenizers('marsys')).toEqual([])
    expect(parseTokenizers(undefined)).toEqual([])
    const io = captureIo(MARSYS_FIXTURES)
    expect(await main(['stats', '--tokenizers', 'p50k_base', '01_plain_conversation.json'], io)).toBe(2)
    expect(io.err).toMatch(
      /^memory-inspector: stats: unknown tokenizer 'p50k_base' \(known: marsys, o200k_base/,
    )
  })
})

// The real command from the build, counting in the built worker (`npm test` builds before the unit tests).
describe('the built CLI', () => {
  const cli = join(REPO_ROOT, 'out', 'main', 'cli.js')

  it('prints tokens for every tokenizer asked for', async () => {
    expect(existsSync(cli), 'run `npm run build` before the unit tests').toBe(true)
    const { stdout } = await promisify(execFile)(process.execPath, [
      cli,
      'stats',
      '--json',
      '--per-message',
      '--tokenizers',
      'o200k_base,cl100k_base',
      fixturePath('01_plain_conversation.json'),
    ])
    const stats = JSON.parse(stdout) as StatsJson
    const expected = await expectedFigures(MarsysFile.open(readFixture('01_plain_conversation.json')))
    expect(stats.tokens).toEqual({ marsys: 42, ...expected.totals })
    expect(stats.per_message_tokens?.map((m) => m?.cl100k_base)).toEqual(
      expected.perMessage.map((m) => m.cl100k_base?.total),
    )
  })
})
const call = (id: string, name = 'search') => ({ id, type: 'function', function: { name, arguments: '{}' } })

/** Calls with an empty id, a repeated id, a result for an unknown id, and a result answered twice. */
const TRICKY = {
  memory_type: 'conversation_history',
  messages: [
    { role: 'user', content: 'go' },
    { role: 'assistant', content: null, tool_calls: [call(''), call('c1'), call('c1')] },
    { role: 'tool', content: 'one', tool_call_id: 'c1', name: 'search' },
    { role: 'tool', content: 'again', tool_call_id: 'c1', name: 'search' },
    { role: 'tool', content: 'who?', tool_call_id: 'nobody', name: 'search' },
    { role: 'assistant', content: null, tool_calls: [call('c2')] },
    'not a message',
  ],
  timestamp: 1795317862.4397397,
}

describe('stats and the app', () => {
  it('count tool calls, unanswered calls, orphans, roles and tokens alike, however odd the call ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mi-stats-'))
    const path = join(dir, 'tricky.json')
    const text = JSON.stringify(TRICKY, null, 2)
    writeFileSync(path, text)
    const stats = computeStats(MarsysFile.open(Buffer.from(text)), true, path)

    const services = createTestServices()
    const handlers = createHandlers(services)
    const opened = (await dispatch(handlers, 'document.open', { paths: [path] })) as {
      ok: true
      data: { documents: { id: string }[] }
    }
    const summary = (await dispatch(handlers, 'document.summary', { id: opened.data.documents[0].id })) as {
      ok: true
      data: Record<string, unknown>
    }
    expect(stats).toMatchObject({
      messages: summary.data.messageCount,
      by_role: summary.data.roles,
      marsys_tokens: summary.data.marsysTokens,
      tool_calls: summary.data.toolCalls,
      unanswered_tool_calls: summary.data.unansweredToolCalls,
      orphan_tool_results: summary.data.orphanToolResults,
    })
    expect(stats.tool_calls).toBe(4)
    expect(stats.orphan_tool_results).toBe(1)
    expect(stats.per_message?.at(-1)).toBeNull()
    services.documents.dispose()
    await services.sessions.close()
  })
})
