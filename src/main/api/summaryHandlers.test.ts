import { readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SimulationView } from '../../shared/domains/summaries/contract'
import { Message } from '../../shared/model/langswarm/message'
import {
  completionBody,
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../engine/testing/fakeOpenAiServer'
import { fixturePath } from '../engine/testing/fixtures'
import { tempDirs } from '../engine/testing/tempDir'
import { dispatch } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import type { Services } from './services'
import { createTestServices } from './testing/testServices'
import type { SecretStore } from '../engine/llm/llmSettings'

const SECRET = 'sk-handler-test-SECRET-42'
const opened: Services[] = []
const servers: FakeOpenAiServer[] = []
const dirs = tempDirs()

/** A writable in-memory key holder, as the desktop app's safeStorage store behaves. */
function memorySecrets(): SecretStore {
  let key: string | null = null
  return {
    getApiKey: async () => key,
    setApiKey: async (value) => {
      key = value
    },
    clearApiKey: async () => {
      key = null
    },
  }
}

type Call = (
  channel: string,
  input: unknown,
) => Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>

async function setup(options: { secrets?: SecretStore } = {}) {
  const bus = new EventBus()
  const events: { event: string; payload: unknown }[] = []
  bus.subscribe((event, payload) => events.push({ event, payload }))
  const services = createTestServices({}, bus)
  if (options.secrets) services.secrets = options.secrets
  opened.push(services)
  const handlers = createHandlers(services)
  const call = ((channel, input) => dispatch(handlers, channel, input)) as Call
  return { services, call, events }
}

async function openFixture(call: Call, name: string): Promise<string> {
  const result = (await call('document.open', { paths: [fixturePath(name)] })) as {
    data: { documents: { id: string }[] }
  }
  return result.data.documents[0].id
}

async function fakeServer(): Promise<FakeOpenAiServer> {
  const server = await startFakeOpenAiServer()
  servers.push(server)
  return server
}

async function useServer(call: Call, server: FakeOpenAiServer, timeoutSeconds = 30) {
  const saved = await call('summary.setLlmSettings', {
    baseUrl: server.baseUrl,
    model: 'test-model',
    timeoutSeconds,
    apiKey: SECRET,
  })
  expect(saved).toMatchObject({ ok: true, data: { keySet: true, keySource: 'safeStorage' } })
}

const SETTINGS = {
  threshold_tokens: 500,
  target_ratio: 0.6,
  max_tool_message_tokens: 2000,
  tool_truncation_grace: 2,
  summarization_grace: 2,
  backward_packing_grace: 2,
  processor_order: ['tool_truncation', 'summarization', 'backward_packing'],
  excluded_processors: [],
}

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
  for (const services of opened.splice(0)) await services.sessions.close()
  await dirs.cleanup()
})

/** A compaction reply as MARSYS's prompt asks for it. */
const compactionReply = (keepImages: { image_id: string; context: string }[] = []) =>
  completionBody(
    JSON.stringify({
      user_request_summary: 'Describe the chart.',
      summary: 'The chart was described.',
      salient_facts: [],
      open_threads: [],
      keep_images: keepImages,
    }),
  )

/** The last message of the summarization request the LLM received, as text. */
function lastRequestText(server: FakeOpenAiServer): string {
  const body = server.requests.at(-1)!.body as { messages: { content: unknown }[] }
  return JSON.stringify(body.messages.at(-1)!.content)
}

describe('summary.summarize', () => {
  it('summarizes a file with the extractive summarizer by content, without storing it', async () => {
    const { call } = await setup()
    const id = await openFixture(call, '03_tool_calls.json')
    const result = await call('summary.summarize', { id, summarizer: 'extractive' })
    expect(result).toMatchObject({ ok: true, data: { stored: false, summarizer: 'extractive' } })
    const summary = (
      result.data as { summary: { summary: string; message_count: number; key_topics: string[] } }
    ).summary
    expect(summary.summary).toMatch(/get_weather/)
    expect(summary.message_count).toBeGreaterThan(0)
    expect(summary.key_topics).toContain('Paris')
  })

  it('stores a session summary made by the chosen summarizer as its current ConversationSummary', async () => {
    const { services, call, events } = await setup()
    await call('session.create', { session_id: 's1' })
    const session = (await (await services.sessions.get()).getSession('s1'))!
    await session.addMessage(
      new Message({ role: 'user', content: 'Compare the battery chemistry of Li-ion and LFP.' }),
    )
    await session.addMessage(
      new Message({ role: 'assistant', content: 'LFP lasts longer; Li-ion is denser.' }),
    )
    const doc = (await call('session.open', { id: 's1' })) as { data: { id: string } }
    const result = await call('summary.summarize', { id: doc.data.id, summarizer: 'extractive' })
    expect(result).toMatchObject({ ok: true, data: { stored: true } })
    const made = (result.data as { summary: { summary_id: string; summary: string } }).summary
    expect(made.summary).not.toMatch(/^Conversation with/)
    expect(await call('session.summary', { id: 's1' })).toMatchObject({
      ok: true,
      data: { summary_id: made.summary_id },
    })
    expect(events.some((e) => e.event === 'session.changed')).toBe(true)
    // session.summarize still uses langswarm's own template.
    const own = await call('session.summarize', { id: 's1', force: true })
    expect(own).toMatchObject({ ok: true })
  })

  it('says clearly when langswarm cannot summarise so few messages', async () => {
    const { call } = await setup()
    const id = await openFixture(call, '01_plain_conversation.json')
    const result = await call('summary.summarize', { id, summarizer: 'langswarm' })
    if (result.ok)
      expect((result.data as { summary: { summary: string } }).summary.summary).toMatch(/Conversation with/)
    else expect(result.error!.message).toMatch(/needs at least 5 messages/)
  })

  it('uses the LLM endpoint with the stored key', async () => {
    const server = await fakeServer()
    server.answer = () => ({
      status: 200,
      body: completionBody(
        JSON.stringify({ summary: 'The user asked about weather.', key_topics: ['weather'] }),
      ),
    })
    const { call, events } = await setup({ secrets: memorySecrets() })
    await useServer(call, server)
    const id = await openFixture(call, '03_tool_calls.json')
    const result = await call('summary.summarize', { id, summarizer: 'llm', jobId: 'j1' })
    expect(result).toMatchObject({
      ok: true,
      data: { summary: { summary: 'The user asked about weather.', key_topics: ['weather'] } },
    })
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${SECRET}`)
    expect(
      events.some((e) => e.event === 'summary.progress' && (e.payload as { jobId: string }).jobId === 'j1'),
    ).toBe(true)
  })

  it('gives one clear error for a refused key, without the key', async () => {
    const server = await fakeServer()
    server.answer = () => ({ status: 401, body: JSON.stringify({ error: { message: `bad key ${SECRET}` } }) })
    const { call } = await setup({ secrets: memorySecrets() })
    await useServer(call, server)
    const id = await openFixture(call, '03_tool_calls.json')
    const result = await call('summary.summarize', { id, summarizer: 'llm' })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(result.error!.message).not.toContain(SECRET)
    expect(result.error!.message).toMatch(/03_tool_calls\.json/)
  })

  it('reports a malformed reply', async () => {
    const server = await fakeServer()
    server.answer = () => ({ status: 200, body: '{"choices": [' })
    const { call } = await setup({ secrets: memorySecrets() })
    await useServer(call, server)
    const id = await openFixture(call, '03_tool_calls.json')
    const result = await call('summary.summarize', { id, summarizer: 'llm' })
    expect(result).toMatchObject({ ok: false, error: { code: 'IO_ERROR' } })
    expect(result.error!.message).toMatch(/not JSON/)
  })

  it('times out', async () => {
    const server = await fakeServer()
    server.answer = () => 'hang'
    const { call } = await setup({ secrets: memorySecrets() })
    await useServer(call, server, 1)
    const id = await openFixture(call, '03_tool_calls.json')
    const result = await call('summary.summarize', { id, summarizer: 'llm' })
    expect(result).toMatchObject({ ok: false, error: { code: 'IO_ERROR' } })
    expect(result.error!.message).toMatch(/did not answer within 1 s/)
  })

  it('is cancelled by summary.cancel, and a session keeps its summary', async () => {
    const server = await fakeServer()
    server.answer = () => 'hang'
    const { services, call } = await setup({ secrets: memorySecrets() })
    await useServer(call, server)
    await call('session.create', { session_id: 's2' })
    const session = (await (await services.sessions.get()).getSession('s2'))!
    await session.addMessage(new Message({ role: 'user', content: 'Hello there' }))
    const doc = (await call('session.open', { id: 's2' })) as { data: { id: string } }
    const pending = call('summary.summarize', { id: doc.data.id, summarizer: 'llm', jobId: 'cancel-me' })
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10))
    expect(await call('summary.cancel', { jobId: 'cancel-me' })).toEqual({
      ok: true,
      data: { cancelled: true },
    })
    const result = await pending
    expect(result.ok).toBe(false)
    expect(result.error!.message).toMatch(/cancelled/)
    expect(await call('session.summary', { id: 's2' })).toEqual({ ok: true, data: null })
  })
})

describe('summary.simulate', () => {
  it("gives MARSYS's defaults", async () => {
    const { call } = await setup()
    expect(await call('summary.compactionDefaults', {})).toMatchObject({
      ok: true,
      data: { threshold_tokens: 150_000, target_ratio: 0.6, processor_order: SETTINGS.processor_order },
    })
  })

  it('simulates a managed memory over its threshold offline, with stages, changes and origins', async () => {
    const { call, events } = await setup()
    const id = await openFixture(call, '09c_managed_over_trigger_uncompacted.json')
    const result = await call('summary.simulate', {
      id,
      jobId: 'sim',
      settings: SETTINGS,
      summarizer: 'extractive',
    })
    expect(result.ok).toBe(true)
    const view = result.data as SimulationView
    expect(view.triggered).toBe(true)
    expect(view.tokensAfter).toBeLessThan(view.tokensBefore)
    expect(view.stages.map((s) => s.name)).toEqual(SETTINGS.processor_order)
    const summarization = view.stages.find((s) => s.name === 'summarization')!
    expect(summarization.ran).toBe(true)
    expect(summarization.removed.length).toBeGreaterThan(0)
    expect(view.after.length).toBeLessThan(view.before.length)
    // Unchanged messages point back at their document position; new ones carry their JSON.
    for (const message of view.after) {
      if (message.origin === null) expect(JSON.parse(message.json!)).toHaveProperty('role')
      else expect(view.before[message.origin].role).toBe(message.role)
    }
    expect(
      view.after.some(
        (m) => m.origin === null && /Compacted Context Summary|User Requests Summary/.test(m.json!),
      ),
    ).toBe(true)
    const stages = events
      .filter((e) => e.event === 'summary.progress')
      .map((e) => e.payload as { phase: string; stage?: string })
    expect(stages.filter((p) => p.phase === 'stage').map((p) => p.stage)).toContain('summarization')
    expect(stages.at(-1)!.phase).toBe('done')
  })

  it('says why nothing happens under the threshold', async () => {
    const { call } = await setup()
    const id = await openFixture(call, '09c_managed_over_trigger_uncompacted.json')
    const result = await call('summary.simulate', {
      id,
      jobId: 'sim',
      settings: { ...SETTINGS, threshold_tokens: 1_000_000 },
      summarizer: 'none',
    })
    expect(result).toMatchObject({ ok: true, data: { triggered: false, stages: [] } })
    expect((result.data as SimulationView).notTriggeredReason).toMatch(/not above threshold_tokens/)
  })

  it('applies as one undoable rebuild and saves a file that still loads', async () => {
    const { call } = await setup()
    const id = await openFixture(call, '09c_managed_over_trigger_uncompacted.json')
    const view = (
      await call('summary.simulate', { id, jobId: 's', settings: SETTINGS, summarizer: 'extractive' })
    ).data as SimulationView
    const messages = view.after.map((m) => (m.origin === null ? { json: m.json! } : { keep: m.origin }))
    const edited = await call('document.edit', {
      id,
      revision: view.revision,
      commands: [{ op: 'rebuild', messages }],
    })
    expect(edited).toMatchObject({ ok: true, data: { canUndo: true } })
    expect(await call('document.summary', { id })).toMatchObject({
      ok: true,
      data: { messageCount: view.after.length },
    })
    await call('document.undo', { id })
    expect(await call('document.summary', { id })).toMatchObject({
      ok: true,
      data: { messageCount: view.before.length },
    })
  })

  it('a refused LLM key stops the simulation with one message', async () => {
    const server = await fakeServer()
    server.answer = () => ({ status: 401, body: '{"error": "nope"}' })
    const { call } = await setup({ secrets: memorySecrets() })
    await useServer(call, server)
    const id = await openFixture(call, '09c_managed_over_trigger_uncompacted.json')
    const result = await call('summary.simulate', { id, jobId: 's', settings: SETTINGS, summarizer: 'llm' })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(result.error!.message).toMatch(/simulation stopped/)
  })
})

describe('summary.simulate with the LLM, as MARSYS runs it', () => {
  const LLM_SETTINGS = { ...SETTINGS, threshold_tokens: 300 }

  it("sends the agent's instruction with the summarization request, and none when not given", async () => {
    const server = await fakeServer()
    server.answer = () => ({ status: 200, body: compactionReply() })
    const { call } = await setup({ secrets: memorySecrets() })
    await useServer(call, server)
    const id = await openFixture(call, '09c_managed_over_trigger_uncompacted.json')
    const simulate = (extra: object) =>
      call('summary.simulate', { id, jobId: 's', settings: LLM_SETTINGS, summarizer: 'llm', ...extra })

    expect(await simulate({ agentInstruction: 'You plan trips on a budget.' })).toMatchObject({ ok: true })
    expect(server.requests).toHaveLength(1)
    expect(lastRequestText(server)).toContain('[Agent Instruction]\\nYou plan trips on a budget.')

    expect(await simulate({})).toMatchObject({ ok: true })
    expect(server.requests).toHaveLength(2)
    expect(lastRequestText(server)).not.toContain('[Agent Instruction]')
  })

  it("keeps an image within the provider's byte budget only", async () => {
    // 13 MB: over half of the default and openai limits (25 MB), under half of google's (100 MB).
    const image = `data:image/png;base64,${'A'.repeat(13_000_000)}`
    const words = (tag: string) => Array.from({ length: 200 }, (_, i) => `${tag}${i}`).join(' ')
    const path = join(await dirs.make('mi-images-'), 'chart.json')
    await writeFile(
      path,
      JSON.stringify({
        memory_type: 'managed_conversation',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: `What is in this chart? ${words('q')}` },
              { type: 'image_url', image_url: { url: image } },
            ],
          },
          { role: 'assistant', content: `A bar chart. ${words('a')}` },
          { role: 'user', content: `And the costs? ${words('c')}` },
          { role: 'assistant', content: `They rose. ${words('r')}` },
          { role: 'user', content: 'Compare it with last year.' },
          { role: 'assistant', content: 'Revenue grew.' },
        ],
      }),
    )
    const server = await fakeServer()
    server.answer = () => ({
      status: 200,
      body: compactionReply([{ image_id: 'img_0000', context: 'the revenue chart' }]),
    })
    const { call } = await setup({ secrets: memorySecrets() })
    await useServer(call, server)
    const opened = (await call('document.open', { paths: [path] })) as {
      data: { documents: { id: string }[] }
    }
    const id = opened.data.documents[0].id
    // A target summarization reaches with the image kept, so backward packing leaves the result alone.
    const settings = { ...SETTINGS, threshold_tokens: 1_300, target_ratio: 0.9 }
    const retained = async (provider?: string) => {
      const result = await call('summary.simulate', {
        id,
        jobId: 's',
        settings,
        summarizer: 'llm',
        ...(provider ? { provider } : {}),
      })
      expect(result.ok).toBe(true)
      return (result.data as SimulationView).after.some((m) => m.json?.includes('[Retained image img_0000]'))
    }
    expect(await retained('google')).toBe(true)
    expect(await retained('openai')).toBe(false)
    expect(await retained()).toBe(false)
    expect(
      await call('summary.simulate', {
        id,
        jobId: 's',
        settings: SETTINGS,
        summarizer: 'llm',
        provider: 'constructor',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})

describe('LLM settings', () => {
  it('in web mode the key is the environment’s and cannot be set', async () => {
    const { call } = await setup()
    expect(await call('summary.llmSettings', {})).toMatchObject({
      ok: true,
      data: { keySource: 'environment', keyWritable: false },
    })
    const set = await call('summary.setLlmSettings', {
      baseUrl: 'http://127.0.0.1:1/v1',
      model: 'm',
      timeoutSeconds: 10,
      apiKey: SECRET,
    })
    expect(set).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } })
  })

  it('saves base URL and model but never the key in the data folder', async () => {
    const { services, call } = await setup({ secrets: memorySecrets() })
    const saved = await call('summary.setLlmSettings', {
      baseUrl: 'http://127.0.0.1:9/v1/',
      model: 'm1',
      timeoutSeconds: 30,
      apiKey: SECRET,
    })
    expect(saved).toMatchObject({
      ok: true,
      data: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm1', keySet: true },
    })
    expect(JSON.stringify(saved)).not.toContain(SECRET)
    for (const name of readdirSync(services.context.dataDir, { recursive: true }) as string[]) {
      const path = join(services.context.dataDir, name)
      try {
        expect(readFileSync(path).includes(Buffer.from(SECRET)), name).toBe(false)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error
      }
    }
    expect(
      await call('summary.setLlmSettings', { baseUrl: 'ftp://x', model: 'm', timeoutSeconds: 5 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    const cleared = await call('summary.setLlmSettings', {
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm1',
      timeoutSeconds: 30,
      clearApiKey: true,
    })
    expect(cleared).toMatchObject({ ok: true, data: { keySet: false } })
  })

  it('tests the connection', async () => {
    const server = await fakeServer()
    server.answer = () => ({ status: 200, body: completionBody('OK') })
    const { call } = await setup({ secrets: memorySecrets() })
    await useServer(call, server)
    expect(await call('summary.testLlm', {})).toEqual({
      ok: true,
      data: { model: 'test-model', reply: 'OK' },
    })
  })
})
