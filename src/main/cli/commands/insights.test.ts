import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StoreInsightsView } from '../../../shared/domains/insights/model'
import { Message } from '../../../shared/model/langswarm'
import {
  completionBody,
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../../engine/testing/fakeOpenAiServer'
import { SessionWorkspace } from '../../engine/sessions/sessionWorkspace'
import { MARSYS_FIXTURES } from '../../engine/testing/fixtures'
import {
  failingToolConversation,
  leakedKeyConversation,
  LEAKED_OPENAI_KEY,
} from '../../engine/insights/testing/testConversations'
import { main } from '../main'
import { captureIo, type CapturedIo } from '../testing/testIo'
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

describe('memory-inspector insights --entities llm', () => {
  const KEY = 'sk-cli-insights-SECRET'
  let server: FakeOpenAiServer
  beforeEach(async () => {
    server = await startFakeOpenAiServer()
    vi.stubEnv('MEMORY_INSPECTOR_LLM_API_KEY', KEY)
    vi.stubEnv('MEMORY_INSPECTOR_LLM_BASE_URL', '')
    vi.stubEnv('MEMORY_INSPECTOR_LLM_MODEL', 'env-model')
  })
  afterEach(async () => {
    vi.unstubAllEnvs()
    await server.close()
  })
  const run = (...extra: string[]) =>
    main(['insights', 'leak.json', '--entities', 'llm', '--llm-base-url', server.baseUrl, ...extra], io)

  it('adds the entities the endpoint finds, the key from the environment, nothing secret sent', async () => {
    io = captureIo(dir)
    server.answer = () => ({
      status: 200,
      body: completionBody('{"entities": [{"kind": "person", "text": "Grace Hopper", "messages": [1]}]}'),
    })
    expect(await run('--json')).toBe(0)
    const report = JSON.parse(io.out) as InsightsJson
    expect(report.entities?.people).toContainEqual(
      expect.objectContaining({ text: 'Grace Hopper', source: 'llm', messageIndices: [1] }),
    )
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`)
    expect((server.requests[0].body as { model: string }).model).toBe('env-model')
    expect(JSON.stringify(server.requests[0].body)).not.toContain(LEAKED_OPENAI_KEY)
    expect(io.out).not.toContain(KEY)
  })

  it('a refused key: one line naming the file, exit 1, no key', async () => {
    io = captureIo(dir)
    server.answer = () => ({ status: 401, body: JSON.stringify({ error: { message: `bad ${KEY}` } }) })
    expect(await run()).toBe(1)
    expect(io.err).toMatch(/^memory-inspector: leak\.json: the LLM at .* refused the API key \(HTTP 401.*\n$/)
    expect(io.err).not.toContain(KEY)
    expect(io.out).toBe('')
  })

  it('a reply that is not JSON, and a silent endpoint past --llm-timeout: one line each', async () => {
    io = captureIo(dir)
    server.answer = () => ({ status: 200, body: completionBody('I found Ada and Paris.') })
    expect(await run()).toBe(1)
    expect(io.err).toBe('memory-inspector: leak.json: the LLM reply holds no JSON object\n')
    io = captureIo(dir)
    server.answer = () => 'hang'
    expect(await run('--llm-timeout', '0.3')).toBe(1)
    expect(io.err).toMatch(/^memory-inspector: leak\.json: the LLM at .* did not answer within 0\.3 s\n$/)
  })

  it('usage errors: no endpoint, a bad mode, a store without --session', async () => {
    io = captureIo(dir)
    expect(await main(['insights', 'leak.json', '--entities', 'llm'], io)).toBe(1)
    expect(io.err).toMatch(/no LLM base URL: give --llm-base-url or set MEMORY_INSPECTOR_LLM_BASE_URL/)
    io = captureIo(dir)
    expect(await main(['insights', 'leak.json', '--entities', 'magic'], io)).toBe(2)
    expect(io.err).toMatch(/--entities must be one of offline, llm, got "magic"/)
    io = captureIo(dir)
    expect(await main(['insights', '--data-dir', 'data', '--entities', 'llm'], io)).toBe(2)
    expect(io.err).toMatch(/--entities llm reads one conversation/)
  })
})

describe('memory-inspector insights --data-dir', () => {
  beforeAll(async () => {
    const workspace = new SessionWorkspace(join(dir, 'data'))
    const manager = await workspace.get()
    for (const [id, text] of [
      ['leaky', `my token ${LEAKED_OPENAI_KEY}`],
      ['calm', 'What is the capital of France?'],
    ]) {
      const session = await manager.createSession({ session_id: id })
      await session.addMessage(new Message({ role: 'user', content: text }))
    }
    await workspace.close()
  })

  it('the whole store: insights per type with their sessions, and each session’s actions', async () => {
    io = captureIo(dir)
    expect(await main(['insights', '--data-dir', 'data'], io)).toBe(0)
    expect(io.out).toMatch(/^session store .*session-store — 2 of 2 sessions read \(the newest first\)\n/)
    expect(io.out).toContain('\nAcross the store\n  secrets: 1 of 2 conversations — leaky\n')
    expect(io.out).toMatch(/\n {2}token-pressure: 2 of 2 conversations — (leaky|calm) 0%, (leaky|calm) 0%\n/)
    expect(io.out).toContain('\nSessions\n')
    expect(io.out).toContain('  calm (1 messages): nothing to fix\n')
    expect(io.out).toMatch(/ {2}leaky \(1 messages\)\n {4}\[high\] secret-looking strings in 1 message/)
    expect(io.out).not.toContain(LEAKED_OPENAI_KEY)
    io = captureIo(dir)
    expect(await main(['insights', '--data-dir', 'data', '--json'], io)).toBe(0)
    const report = JSON.parse(io.out) as StoreInsightsView & { store: string }
    expect(report.sessionsRead).toBe(2)
    expect(report.conversations.map((c) => c.conversationId).sort()).toEqual(['calm', 'leaky'])
  })

  it('one session, like a file', async () => {
    io = captureIo(dir)
    expect(await main(['insights', '--data-dir', 'data', '--session', 'leaky', '--json'], io)).toBe(0)
    const report = JSON.parse(io.out) as InsightsJson
    expect(report).toMatchObject({ file: null, session: 'leaky' })
    expect(report.secrets.messageIndices).toEqual([0])
    io = captureIo(dir)
    expect(await main(['insights', '--data-dir', 'data', '--session', 'leaky'], io)).toBe(0)
    expect(io.out).toMatch(/^session leaky — store session, 1 messages/)
    io = captureIo(dir)
    expect(await main(['insights', '--data-dir', 'data', '--session', 'ghost'], io)).toBe(1)
    expect(io.err).toMatch(/^memory-inspector: session store .*: no session "ghost"\n$/)
  })

  it('usage: FILE or --data-dir, and --session needs --data-dir', async () => {
    io = captureIo(dir)
    expect(await main(['insights'], io)).toBe(2)
    expect(io.err).toMatch(/give a FILE, or --data-dir DIR \[--session ID\]/)
    io = captureIo(dir)
    expect(await main(['insights', 'leak.json', '--data-dir', 'data'], io)).toBe(2)
    io = captureIo(dir)
    expect(await main(['insights', 'leak.json', '--session', 'x'], io)).toBe(2)
    expect(io.err).toMatch(/--session needs --data-dir/)
  })
})
