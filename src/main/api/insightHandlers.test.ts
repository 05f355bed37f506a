import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentGraph, DocumentInsights, StoreInsightsView } from '../../shared/domains/insights/model'
import { Message } from '../../shared/model/langswarm/message'
import { INSIGHT_WORKER_FILE, InsightRunner } from '../engine/insights/insightRunner'
import {
  failingToolConversation,
  handoffConversation,
  LEAKED_GITHUB_TOKEN,
  LEAKED_OPENAI_KEY,
  leakedKeyConversation,
  loopConversation,
} from '../engine/insights/testing/testConversations'
import {
  completionBody,
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../engine/testing/fakeOpenAiServer'
import { writeLlmSettingsFile } from '../engine/llm/llmSettingsFile'
import { fixturePath, REPO_ROOT } from '../engine/testing/fixtures'
import { dispatch } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import { createInsightHandlers } from './insightHandlers'
import type { Services } from './services'
import { channelCaller, createTestServices } from './testing/testServices'

const opened: Services[] = []
function setup(bus = new EventBus()) {
  const services = createTestServices({}, bus)
  opened.push(services)
  const handlers = createHandlers(services)
  return { services, call: channelCaller(handlers), handlers }
}

afterEach(async () => {
  for (const services of opened.splice(0)) await services.sessions.close()
})

const dir = mkdtempSync(join(tmpdir(), 'mi-insights-'))
function writeMemory(name: string, messages: unknown[], memoryType = 'conversation_history'): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify({ memory_type: memoryType, messages }, null, 2))
  return path
}

async function openDoc(call: ReturnType<typeof setup>['call'], path: string): Promise<string> {
  const result = await call<{ documents: { id: string }[] }>('document.open', { paths: [path] })
  return result.documents[0].id
}

describe('insights.document', () => {
  it('reports a loop with the call indices behind it, and suggests breaking it', async () => {
    const { call } = setup()
    const id = await openDoc(call, writeMemory('loop.json', loopConversation()))
    const report = await call<DocumentInsights>('insights.document', { id })
    expect(report.analysis.tools.loops).toMatchObject([{ tool: 'web_search', count: 4 }])
    expect(report.actions.map((a) => [a.kind, a.run.type])).toContainEqual([
      'break-tool-loop',
      'show-messages',
    ])
    expect(report.revision).toBe(0)
    expect(report.memoryType).toBe('conversation_history')
    expect(report.messageIds).toHaveLength(report.analysis.messageCount)
  })

  it('reports a failing tool and hand-offs between agents', async () => {
    const { call } = setup()
    const failing = await call<DocumentInsights>('insights.document', {
      id: await openDoc(call, writeMemory('fail.json', failingToolConversation())),
    })
    expect(failing.analysis.tools.failures.length).toBeGreaterThanOrEqual(3)
    expect(failing.actions.map((a) => a.kind)).toContain('review-failing-tool')
    const handoffs = await call<DocumentInsights>('insights.document', {
      id: await openDoc(call, writeMemory('handoff.json', handoffConversation())),
    })
    expect(handoffs.analysis.handoffs.handoffs.map((h) => h.to)).toEqual(
      expect.arrayContaining(['Researcher', 'Writer']),
    )
  })

  it('redacts a leaked key as one undoable edit, and undo brings it back', async () => {
    const { call } = setup()
    const id = await openDoc(call, writeMemory('leak.json', leakedKeyConversation()))
    const report = await call<DocumentInsights>('insights.document', { id })
    expect(report.secrets.messageIndices).toEqual([1, 2])
    expect(JSON.stringify(report.secrets.findings)).not.toContain(LEAKED_OPENAI_KEY)
    expect(report.redacted.map((r) => r.index)).toEqual([1, 2])
    const commands = report.redacted.map((r) => ({ op: 'setMessageJson', index: r.index, json: r.json }))
    await call('document.edit', { id, revision: report.revision, commands })
    // The message as edited; its bytes as saved (`rawSaved`) keep the key until the file is saved.
    const messageText = async (index: number) =>
      JSON.stringify({ ...(await call<object>('document.message', { id, index })), rawSaved: undefined })
    expect(await messageText(1)).not.toContain(LEAKED_OPENAI_KEY)
    expect(await messageText(1)).toContain('[REDACTED:openai-key]')
    const saved = await call<{ rawSaved?: string | null }>('document.message', { id, index: 1 })
    expect(saved.rawSaved).toContain(LEAKED_OPENAI_KEY)
    expect(await messageText(2)).not.toContain(LEAKED_GITHUB_TOKEN)
    const after = await call<DocumentInsights>('insights.document', { id })
    expect(after.secrets.findings).toEqual([])
    expect(after.revision).toBe(1)
    await call('document.undo', { id })
    expect(await messageText(1)).toContain(LEAKED_OPENAI_KEY)
    expect(await messageText(2)).toContain(LEAKED_GITHUB_TOKEN)
  })

  it('keeps numbers as written when it rewrites a message', async () => {
    const { call } = setup()
    const path = join(dir, 'float.json')
    writeFileSync(
      path,
      `{"memory_type": "conversation_history", "messages": [{"role": "user", "content": "key ${LEAKED_OPENAI_KEY}", "score": 5.0}]}`,
    )
    const report = await call<DocumentInsights>('insights.document', { id: await openDoc(call, path) })
    expect(report.redacted).toHaveLength(1)
    expect(report.redacted[0].json).toContain('5.0')
    expect(report.redacted[0].json).not.toContain(LEAKED_OPENAI_KEY)
  })

  it('works on a store session like on a file', async () => {
    const { call, services } = setup()
    await call('session.create', { session_id: 'leaky' })
    const session = (await (await services.sessions.get()).getSession('leaky'))!
    await session.addMessage(new Message({ role: 'user', content: `use ${LEAKED_OPENAI_KEY}` }))
    await session.addMessage(new Message({ role: 'assistant', content: 'ok' }))
    const doc = await call<{ id: string }>('session.open', { id: 'leaky' })
    const report = await call<DocumentInsights>('insights.document', { id: doc.id })
    expect(report.analysis.messageCount).toBe(2)
    expect(report.secrets.messageIndices).toEqual([0])
    expect(report.actions.map((a) => a.kind)).toContain('redact-secrets')
  })

  it('names the document when it is not open', async () => {
    const { handlers } = setup()
    expect(await dispatch(handlers, 'insights.document', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})

describe('insights.graph', () => {
  it('draws the facts of a kg file, each node linked to its messages', async () => {
    const { call } = setup()
    const path = join(dir, '10_kg_facts.json')
    copyFileSync(fixturePath('10_kg_facts.json'), path)
    const graph = await call<DocumentGraph>('insights.graph', { id: await openDoc(call, path) })
    expect(graph.facts).toBeGreaterThan(0)
    const paris = graph.graph.nodes.find((n) => n.label === 'Paris')
    expect(paris?.messageIndices).toContain(1)
    const edge = graph.graph.edges.find((e) => e.kind === 'fact' && e.source === paris?.id)
    expect(edge?.messageIndices).toEqual([1])
    for (const node of graph.graph.nodes) expect(node.messageIndices.length).toBeGreaterThan(0)
  })

  it('reports progress under the caller’s job id', async () => {
    const bus = new EventBus()
    const phases: string[] = []
    bus.subscribe((event, payload) => {
      if (event === 'insights.progress') phases.push((payload as { phase: string }).phase)
    })
    const { call } = setup(bus)
    const id = await openDoc(call, writeMemory('handoff2.json', handoffConversation()))
    const graph = await call<DocumentGraph>('insights.graph', { id, jobId: 'g1' })
    expect(graph.entities.people.length + graph.entities.topics.length).toBeGreaterThan(0)
    expect(phases).toEqual(expect.arrayContaining(['entities', 'graph']))
  })
})

describe('insights.graph with LLM entities', () => {
  const SECRET = 'sk-insights-handler-SECRET-7'
  const servers: FakeOpenAiServer[] = []
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close()
  })

  /** Services whose saved endpoint is a fake server on 127.0.0.1, the key from the secret store. */
  async function withServer(answer: FakeOpenAiServer['answer'], timeoutSeconds = 30) {
    const server = await startFakeOpenAiServer()
    servers.push(server)
    server.answer = answer
    const bus = new EventBus()
    const phases: string[] = []
    bus.subscribe((event, payload) => {
      if (event === 'insights.progress') phases.push((payload as { phase: string }).phase)
    })
    const services = createTestServices({}, bus)
    services.secrets = { getApiKey: async () => SECRET }
    opened.push(services)
    const handlers = createHandlers(services)
    const call = channelCaller(handlers)
    await call('summary.setLlmSettings', { baseUrl: server.baseUrl, model: 'test-model', timeoutSeconds })
    const id = await openDoc(call, writeMemory('llm.json', leakedKeyConversation()))
    return { server, call, handlers, id, phases }
  }

  it('adds what the endpoint finds to the offline entities, and sends no secret', async () => {
    const reply = {
      entities: [
        { kind: 'person', text: 'Grace Hopper', messages: [1, 2] },
        { kind: 'organization', text: 'Navy', messages: [2] },
      ],
    }
    const { server, call, id, phases } = await withServer(() => ({
      status: 200,
      body: completionBody(JSON.stringify(reply)),
    }))
    const offline = await call<DocumentGraph>('insights.graph', { id })
    expect(offline.llm).toBeNull()
    expect(server.requests).toHaveLength(0)
    const graph = await call<DocumentGraph>('insights.graph', { id, jobId: 'llm1', entities: 'llm' })
    expect(graph.llm).toEqual({ model: 'test-model', entities: 2 })
    expect(graph.entities.people).toContainEqual(
      expect.objectContaining({ text: 'Grace Hopper', messageIndices: [1, 2], source: 'llm' }),
    )
    // The offline entities stay.
    for (const entity of offline.entities.urls) expect(graph.entities.urls).toContainEqual(entity)
    expect(graph.graph.nodes.map((n) => n.label)).toContain('Grace Hopper')
    expect(phases).toContain('llm')
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${SECRET}`)
    const sent = JSON.stringify(server.requests[0].body)
    expect(sent).toContain('[REDACTED:openai-key]')
    expect(sent).not.toContain(LEAKED_OPENAI_KEY)
  })

  it('a refused key is one UNAUTHORIZED error naming the document, without the key', async () => {
    const { handlers, id } = await withServer(() => ({
      status: 401,
      body: JSON.stringify({ error: { message: `invalid key ${SECRET}` } }),
    }))
    const result = await dispatch(handlers, 'insights.graph', { id, entities: 'llm' })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    if (result.ok) return
    expect(result.error.message).toMatch(/^llm\.json: the LLM found no entities: .*HTTP 401/)
    expect(result.error.message).not.toContain(SECRET)
  })

  it('a reply that is not JSON, or holds no entities, is one clear error', async () => {
    const { server, handlers, id } = await withServer(() => ({ status: 200, body: '{"choices": [' }))
    expect(await dispatch(handlers, 'insights.graph', { id, entities: 'llm' })).toMatchObject({
      ok: false,
      error: { code: 'IO_ERROR', message: expect.stringMatching(/the LLM reply is not JSON/) },
    })
    server.answer = () => ({ status: 200, body: completionBody('Sure! Here are the entities: Ada.') })
    expect(await dispatch(handlers, 'insights.graph', { id, entities: 'llm' })).toMatchObject({
      ok: false,
      error: { code: 'IO_ERROR', message: expect.stringMatching(/the LLM reply holds no JSON object/) },
    })
  })

  it('a silent endpoint is a time-limit error', async () => {
    const { handlers, id } = await withServer(() => 'hang', 1)
    expect(await dispatch(handlers, 'insights.graph', { id, entities: 'llm' })).toMatchObject({
      ok: false,
      error: { code: 'IO_ERROR', message: expect.stringMatching(/did not answer within 1 s/) },
    })
  })

  it('no endpoint saved: says where to set it', async () => {
    const { call, handlers } = setup()
    const id = await openDoc(call, writeMemory('nollm.json', leakedKeyConversation()))
    const result = await dispatch(handlers, 'insights.graph', { id, entities: 'llm' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!result.ok) expect(result.error.message).toMatch(/save it in Settings/)
  })
})

describe('insights.store', () => {
  it('sums insights over the store’s sessions', async () => {
    const { call, services } = setup()
    const manager = await services.sessions.get()
    for (const id of ['a', 'b']) {
      await call('session.create', { session_id: id })
      const session = (await manager.getSession(id))!
      await session.addMessage(new Message({ role: 'user', content: `token ${LEAKED_OPENAI_KEY}` }))
    }
    const store = await call<StoreInsightsView>('insights.store', { thresholdTokens: 10 })
    expect(store.sessionsRead).toBe(2)
    // Measured against the threshold given: each one-message session is over 10 tokens.
    expect(store.insights.find((i) => i.insightType === 'token-pressure')?.sourceRecords).toHaveLength(2)
    expect(store.conversations.map((c) => c.conversationId).sort()).toEqual(['a', 'b'])
    const secrets = store.insights.find((i) => i.insightType === 'secrets')
    expect(secrets?.sourceRecords.map((r) => r.conversationId).sort()).toEqual(['a', 'b'])
  })
})

// The app runs jobs in the built worker (`npm test` builds before the unit tests).
describe('the built insights worker', () => {
  const built = join(REPO_ROOT, 'out', 'main', INSIGHT_WORKER_FILE)

  it('is built next to the main entries', () => {
    expect(existsSync(built), 'run `npm run build` before the unit tests').toBe(true)
  })

  it('gives the same report as in-process, and a cancel ends the job', async () => {
    const services = createTestServices()
    opened.push(services)
    const inWorker = createInsightHandlers(services, new InsightRunner(built))
    const inline = createInsightHandlers(services, new InsightRunner('inline'))
    const [doc] = (await services.documents.open([writeMemory('w.json', leakedKeyConversation())])).documents
    const a = await inWorker['insights.document']({ id: doc.id })
    const b = await inline['insights.document']({ id: doc.id })
    expect(a).toEqual(b)
    const running = inWorker['insights.graph']({ id: doc.id, jobId: 'slow' })
    expect(inWorker['insights.cancel']({ jobId: 'slow' })).toEqual({ cancelled: true })
    await expect(running).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'cancelled' } })
    expect(inWorker['insights.cancel']({ jobId: 'slow' })).toEqual({ cancelled: false })
  })

  it('carries a refused key out of the worker as the same clear error', async () => {
    const server = await startFakeOpenAiServer()
    server.answer = () => ({ status: 401, body: '{"error": {"message": "no"}}' })
    const services = createTestServices()
    services.secrets = { getApiKey: async () => 'sk-worker-test' }
    opened.push(services)
    await writeLlmSettingsFile(services.context.dataDir, {
      baseUrl: server.baseUrl,
      model: 'm',
      timeoutSeconds: 30,
    })
    const inWorker = createInsightHandlers(services, new InsightRunner(built))
    const [doc] = (await services.documents.open([writeMemory('w2.json', leakedKeyConversation())])).documents
    try {
      await expect(inWorker['insights.graph']({ id: doc.id, entities: 'llm' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: expect.stringMatching(/^w2\.json: the LLM found no entities: .*HTTP 401/),
      })
      expect(server.requests[0].headers.authorization).toBe('Bearer sk-worker-test')
    } finally {
      await server.close()
    }
  })
})
