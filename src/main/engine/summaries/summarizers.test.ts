import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConversationSummary } from '../../../shared/model/langswarm/conversationSummary'
import { MessageRole } from '../../../shared/model/langswarm/enums'
import { Message } from '../../../shared/model/langswarm/message'
import { compactionInput } from '../compaction/compactedFile'
import { CompactionModelError } from '../compaction/modelCall'
import { simulateCompaction } from '../compaction/simulate'
import { goldenScenario } from '../compaction/testdata/golden'
import type { WireMessage } from '../compaction/types'
import { extractiveSummarizer as langswarmTemplate } from '../langswarm/langswarmTemplateSummary'
import { type FakeOpenAiServer, completionBody, startFakeOpenAiServer } from '../testing/fakeOpenAiServer'
import { LlmError } from '../llm/llmError'
import { ManagedMemoryConfig } from '../marsys/memory/managedConfig'
import { MarsysFile } from '../marsys/codec'
import { fixturePath } from '../testing/fixtures'
import { createSummarizer } from './createSummarizer'
import { langswarmSummarizer } from './langswarmSummarizer'
import { SUMMARY_SYSTEM_PROMPT } from './llmSummarizer'
import { summarizeConversation } from './summarizer'

const fixtureMessages = (name: string): WireMessage[] =>
  compactionInput(MarsysFile.open(readFileSync(fixturePath(name)))).messages

describe('langswarm', () => {
  it("gives langswarm-memory's own summary, unchanged", async () => {
    const messages = fixtureMessages('03_tool_calls.json')
    const draft = await langswarmSummarizer.summarize(messages)
    expect(draft).toEqual({
      summary: 'Conversation with 2 user messages and 4 assistant responses.',
      key_topics: expect.any(Array),
    })
    const direct = langswarmTemplate(
      [
        ['user', 'Hello there, friend'],
        ['assistant', 'Hello again'],
        ['user', 'paris. paris. london'],
        ['assistant', 'ok'],
        ['user', 'bye'],
      ].map(([role, content]) => new Message({ role: role as MessageRole, content })),
    )
    expect(
      await langswarmSummarizer.summarize(
        [
          ['user', 'Hello there, friend'],
          ['assistant', 'Hello again'],
          ['user', 'paris. paris. london'],
          ['assistant', 'ok'],
          ['user', 'bye'],
        ].map(([role, content]) => ({ role, content })),
      ),
    ).toEqual(direct)
  })

  it('declines fewer than five messages, as langswarm-memory does', async () => {
    expect(await langswarmSummarizer.summarize(fixtureMessages('01_plain_conversation.json'))).toBeNull()
  })
})

describe('summarizeConversation', () => {
  it('builds the ConversationSummary dict with the count and the given time range', async () => {
    const summary = await summarizeConversation(
      createSummarizer('extractive'),
      fixtureMessages('01_plain_conversation.json'),
      { startTime: '2026-11-22T10:00:00+00:00', endTime: '2026-11-22T11:00:00+00:00' },
    )
    const dict = summary!.toDict()
    expect(dict).toMatchObject({
      message_count: 4,
      start_time: '2026-11-22T10:00:00+00:00',
      end_time: '2026-11-22T11:00:00+00:00',
    })
    expect(dict.summary).toMatch(/^Asked: "What is the capital of France\?"/)
    expect(ConversationSummary.fromDict(dict).toDict()).toEqual(dict)
  })

  it("takes the time range from the messages' own timestamps (session messages)", async () => {
    const messages = ['a', 'b', 'c', 'd', 'e'].map((content, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content,
      timestamp: `2026-11-2${i}T00:00:00+00:00`,
    }))
    const dict = (await summarizeConversation(langswarmSummarizer, messages))!.toDict()
    expect([dict.start_time, dict.end_time]).toEqual([
      '2026-11-20T00:00:00+00:00',
      '2026-11-24T00:00:00+00:00',
    ])
  })

  it('is null when the summarizer declines', async () => {
    expect(await summarizeConversation(langswarmSummarizer, [])).toBeNull()
  })
})

describe('llm, against an OpenAI-compatible server on 127.0.0.1', () => {
  const KEY = 'sk-summaries-SECRET'
  let server: FakeOpenAiServer
  beforeEach(async () => {
    server = await startFakeOpenAiServer()
  })
  afterEach(async () => {
    await server.close()
  })
  const llm = (timeoutMs?: number) =>
    createSummarizer('llm', { settings: { baseUrl: server.baseUrl, model: 'tiny', apiKey: KEY }, timeoutMs })

  it('sends a transcript with the summary instructions and reads the JSON reply', async () => {
    server.answer = () => ({
      status: 200,
      body: completionBody(
        '```json\n{"summary": "The user asked about France.", "key_topics": ["France.", " capital ", "France."]}\n```',
      ),
    })
    const draft = await llm().summarize(fixtureMessages('01_plain_conversation.json'))
    expect(draft).toEqual({ summary: 'The user asked about France.', key_topics: ['France', 'capital'] })
    const body = server.requests[0].body as { messages: { role: string; content: string }[] }
    expect(body.messages[0]).toEqual({ role: 'system', content: SUMMARY_SYSTEM_PROMPT })
    expect(body.messages[1].content).toBe(
      [
        '[0] user: What is the capital of France?',
        '[1] assistant: The capital of France is Paris.',
        '[2] user: And its population?',
        '[3] assistant: About 2.1 million people live in the city proper.',
      ].join('\n'),
    )
  })

  it.each([
    ['prose', 'Here is a summary of the chat.', /did not answer with a JSON object/],
    ['no summary', '{"key_topics": []}', /no "summary" text/],
  ])('refuses a reply that is %s', async (_what, content, message) => {
    server.answer = () => ({ status: 200, body: completionBody(content) })
    const error = await llm()
      .summarize(fixtureMessages('01_plain_conversation.json'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LlmError)
    expect((error as LlmError).message).toMatch(message)
  })

  it("stands in for MARSYS's compaction model: MARSYS's request goes out, its reply shapes the result", async () => {
    const golden = goldenScenario('09_summarized')
    server.answer = () => ({ status: 200, body: completionBody(golden.reply!) })
    const model = llm().compactionModel!()
    const simulation = await simulateCompaction(
      golden.before,
      new ManagedMemoryConfig({ threshold_tokens: 3000 }),
      {
        model,
      },
    )
    const sent = server.requests[0].body as Record<string, unknown>
    expect(sent.messages).toEqual(golden.model_calls[0].messages)
    expect([sent.max_tokens, sent.temperature, sent.response_format]).toEqual([
      6000,
      0.1,
      { type: 'json_object' },
    ])
    // Same reply, same result as MARSYS — except the summary's name, which carries this model's name.
    expect(simulation.messages).toEqual(
      golden.after.map((m) => (m.name === 'compaction_stub-haiku' ? { ...m, name: 'compaction_tiny' } : m)),
    )
  })

  it('stops a simulation with one clear message when the key is refused, leaving the input alone', async () => {
    server.answer = () => ({ status: 401, body: '{"error": {"message": "invalid key"}}' })
    const messages = fixtureMessages('09c_managed_over_trigger_uncompacted.json')
    const copy = structuredClone(messages)
    const error = await simulateCompaction(messages, new ManagedMemoryConfig({ threshold_tokens: 500 }), {
      model: llm().compactionModel!(),
    }).catch((e: unknown) => e)
    expect(messages).toEqual(copy)
    expect(server.requests).toHaveLength(1)
    expect(error).toBeInstanceOf(CompactionModelError)
    expect((error as Error).message).toBe(
      `the LLM at ${server.baseUrl} refused the API key (HTTP 401: invalid key)`,
    )
  })
})
