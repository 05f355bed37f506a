import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConversationSummary } from '../../../shared/model/langswarm/conversationSummary'
import { MARSYS_FIXTURES } from '../../engine/testing/fixtures'
import {
  type FakeOpenAiServer,
  completionBody,
  startFakeOpenAiServer,
} from '../../engine/testing/fakeOpenAiServer'
import { main } from '../main'
import { captureIo, type CapturedIo } from '../testing/testIo'

let io: CapturedIo
beforeEach(() => {
  io = captureIo(MARSYS_FIXTURES)
})

describe('summarize', () => {
  it('prints the extractive summary by default', async () => {
    expect(await main(['summarize', '01_plain_conversation.json'], io)).toBe(0)
    expect(io.out).toBe(
      [
        '01_plain_conversation.json (4 messages, extractive summary)',
        '',
        'Asked: "What is the capital of France?"; then 1 follow-up: "And its population?"',
        'Concluded: "About 2.1 million people live in the city proper."',
        '(4 messages: 2 user, 2 assistant)',
        '',
        'Key topics: France, capital, Paris, population, people',
        '',
      ].join('\n'),
    )
  })

  it('prints the ConversationSummary dict with --json; the time range is the save time', async () => {
    expect(await main(['summarize', '--json', '03_tool_calls.json'], io)).toBe(0)
    const dict = JSON.parse(io.out) as Record<string, unknown>
    expect(ConversationSummary.fromDict(dict).toDict()).toEqual(dict)
    expect(dict.message_count).toBe(11)
    expect(dict.summary).toContain('Did: called get_weather 2×, c_to_f once, screenshot once.')
    expect(dict.start_time).toMatch(/^2026-11-22T/)
    expect(dict.end_time).toBe(dict.start_time)
  })

  it("gives langswarm-memory's template with --summarizer langswarm", async () => {
    expect(await main(['summarize', '--summarizer', 'langswarm', '--json', '03_tool_calls.json'], io)).toBe(0)
    expect(JSON.parse(io.out).summary).toBe('Conversation with 2 user messages and 4 assistant responses.')
  })

  it('fails with one line when langswarm declines a short conversation', async () => {
    expect(await main(['summarize', '--summarizer', 'langswarm', '01_plain_conversation.json'], io)).toBe(1)
    expect(io.err).toBe(
      'memory-inspector: 01_plain_conversation.json: the langswarm summarizer needs at least 5 messages, with a user and an assistant one (this file has 4)\n',
    )
  })

  it('refuses an unknown summarizer as a usage error', async () => {
    expect(await main(['summarize', '--summarizer', 'magic', '01_plain_conversation.json'], io)).toBe(2)
    expect(io.err).toMatch(
      /^memory-inspector: summarize: --summarizer must be one of extractive, langswarm, llm, got "magic"\n/,
    )
  })

  describe('with --summarizer llm', () => {
    let server: FakeOpenAiServer
    beforeEach(async () => {
      server = await startFakeOpenAiServer()
      vi.stubEnv('MEMORY_INSPECTOR_LLM_API_KEY', 'sk-cli-SECRET')
      vi.stubEnv('MEMORY_INSPECTOR_LLM_BASE_URL', '')
      vi.stubEnv('MEMORY_INSPECTOR_LLM_MODEL', '')
    })
    afterEach(async () => {
      vi.unstubAllEnvs()
      await server.close()
    })

    it('asks the endpoint, the key from the environment', async () => {
      server.answer = () => ({
        status: 200,
        body: completionBody('{"summary": "Capital and population of France.", "key_topics": ["France"]}'),
      })
      const argv = [
        'summarize',
        '--summarizer',
        'llm',
        '--llm-base-url',
        server.baseUrl,
        '--llm-model',
        'm1',
        '--json',
      ]
      expect(await main([...argv, '01_plain_conversation.json'], io)).toBe(0)
      expect(JSON.parse(io.out)).toMatchObject({
        summary: 'Capital and population of France.',
        key_topics: ['France'],
      })
      expect(server.requests[0].headers.authorization).toBe('Bearer sk-cli-SECRET')
    })

    it('fails with one line, no key in it, on a 401', async () => {
      server.answer = () => ({ status: 401, body: '{"error": {"message": "bad key sk-cli-SECRET"}}' })
      const argv = ['summarize', '--summarizer', 'llm', '--llm-base-url', server.baseUrl, '--llm-model', 'm1']
      expect(await main([...argv, '01_plain_conversation.json'], io)).toBe(1)
      expect(io.err).toBe(
        `memory-inspector: 01_plain_conversation.json: the LLM at ${server.baseUrl} refused the API key (HTTP 401: bad key ***)\n`,
      )
      expect(io.out).toBe('')
    })

    it('says which setting is missing', async () => {
      expect(await main(['summarize', '--summarizer', 'llm', '01_plain_conversation.json'], io)).toBe(1)
      expect(io.err).toBe(
        'memory-inspector: no LLM base URL: give --llm-base-url or set MEMORY_INSPECTOR_LLM_BASE_URL\n',
      )
    })

    it('times out with one line', async () => {
      server.answer = () => 'hang'
      const argv = ['summarize', '--summarizer', 'llm', '--llm-base-url', server.baseUrl, '--llm-model', 'm1']
      expect(await main([...argv, '--llm-timeout', '0.2', '01_plain_conversation.json'], io)).toBe(1)
      expect(io.err).toBe(
        `memory-inspector: 01_plain_conversation.json: the LLM at ${server.baseUrl} did not answer within 0.2 s\n`,
      )
    })
  })
})
