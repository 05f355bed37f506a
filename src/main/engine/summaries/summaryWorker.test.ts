import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compactionInput } from '../compaction/compactedFile'
import { LlmError } from '../llm/llmError'
import { completionBody, startFakeOpenAiServer, type FakeOpenAiServer } from '../testing/fakeOpenAiServer'
import { MarsysFile } from '../marsys/codec'
import { REPO_ROOT, fixturePath } from '../testing/fixtures'
import { runSummaryTask, type SummaryTask } from './summaryTask'
import { SUMMARY_WORKER_FILE, runSummaryTaskOffThread } from './summaryWorkerRunner'

// `npm test` builds before the unit tests: the app runs the worker from out/main.
const built = join(REPO_ROOT, 'out', 'main', SUMMARY_WORKER_FILE)
const servers: FakeOpenAiServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

const messagesOf = (name: string) =>
  compactionInput(MarsysFile.open(readFileSync(fixturePath(name)))).messages

const SIMULATE: SummaryTask = {
  kind: 'simulate',
  config: { threshold_tokens: 500 },
  summarizer: 'extractive',
  messages: messagesOf('09c_managed_over_trigger_uncompacted.json'),
  force: false,
}

const llmTask = (server: FakeOpenAiServer): SummaryTask => ({
  kind: 'summarize',
  summarizer: 'llm',
  messages: messagesOf('03_tool_calls.json'),
  llm: { settings: { baseUrl: server.baseUrl, model: 'm', apiKey: 'k' }, timeoutMs: 30_000 },
})

describe('the built summary worker', () => {
  it('is built as its own entry', () => {
    expect(existsSync(built), 'run `npm run build` before the unit tests').toBe(true)
  })

  it('simulates exactly as the same task run in place, reporting each stage', async () => {
    const stages: string[] = []
    const off = await runSummaryTaskOffThread(SIMULATE, {
      workerPath: built,
      onProgress: (p) => p.phase === 'stage' && stages.push(p.stage),
    })
    const here = await runSummaryTask(SIMULATE, () => undefined)
    expect(off).toEqual(here)
    expect(stages).toEqual(['tool_truncation', 'summarization', 'backward_packing'])
  })

  it('keeps a file’s key order across the thread boundary', async () => {
    const task: SummaryTask = {
      kind: 'summarize',
      summarizer: 'extractive',
      messages: messagesOf('07_dict_and_list_content.json'),
    }
    expect(await runSummaryTaskOffThread(task, { workerPath: built })).toEqual(
      await runSummaryTask(task, () => undefined),
    )
  })

  it('brings an LLM refusal back as the same LlmError', async () => {
    const server = await startFakeOpenAiServer()
    servers.push(server)
    server.answer = () => ({ status: 401, body: '{"error": "no"}' })
    const error = await runSummaryTaskOffThread(llmTask(server), { workerPath: built }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(LlmError)
    expect((error as LlmError).kind).toBe('unauthorized')
  })

  it('is stopped at once by the signal', async () => {
    const server = await startFakeOpenAiServer()
    servers.push(server)
    server.answer = () => 'hang'
    const controller = new AbortController()
    const pending = runSummaryTaskOffThread(llmTask(server), { workerPath: built, signal: controller.signal })
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10))
    controller.abort()
    const error = await pending.catch((e: unknown) => e)
    expect((error as LlmError).kind).toBe('cancelled')
  })

  it('answers a summary through the worker', async () => {
    const server = await startFakeOpenAiServer()
    servers.push(server)
    server.answer = () => ({
      status: 200,
      body: completionBody(JSON.stringify({ summary: 'Weather asked.', key_topics: ['weather'] })),
    })
    expect(await runSummaryTaskOffThread(llmTask(server), { workerPath: built })).toEqual({
      kind: 'summarize',
      draft: { summary: 'Weather asked.', key_topics: ['weather'] },
    })
  })
})
