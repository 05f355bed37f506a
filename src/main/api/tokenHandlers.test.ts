import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TokenUsage } from '../../shared/domains/tokens/contract'
import { fixturePath } from '../engine/testing/fixtures'
import { workerFromSource } from '../engine/tokens/testing/sourceWorker'
import { dispatch, type Handlers } from './dispatch'
import { createHandlers } from './handlers'
import { disposeServices, type Services } from './services'
import { createTestServices } from './testing/testServices'
import { createTokenHandlers } from './tokenHandlers'

let workerPath: string
beforeAll(async () => {
  workerPath = await workerFromSource()
})

const opened: Services[] = []
afterEach(async () => {
  for (const services of opened.splice(0)) await disposeServices(services)
})

function setUp() {
  const services = createTestServices()
  opened.push(services)
  const progress: { id: string; done: number; total: number }[] = []
  services.bus.subscribe((event, payload) => {
    if (event === 'tokens.progress') progress.push(payload as (typeof progress)[number])
  })
  const handlers: Handlers = {
    ...createHandlers(services),
    ...createTokenHandlers(services, { workerPath, size: 1 }),
  }
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await dispatch(handlers, channel, input)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.data as T
  }
  const open = async (name: string): Promise<string> =>
    (await call<{ documents: { id: string }[] }>('document.open', { paths: [fixturePath(name)] }))
      .documents[0].id
  return { services, call, open, progress }
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)

describe('tokens.usage', () => {
  it('counts every message of a file with MARSYS and the model encoding, with progress', async () => {
    const { call, open, progress } = setUp()
    const id = await open('03_tool_calls.json')
    const usage = await call<TokenUsage>('tokens.usage', { id, model: 'gpt-4o' })
    const summary = await call<{ marsysTokens: number; messageCount: number }>('document.summary', { id })
    expect(usage.messages.bpe).toHaveLength(summary.messageCount)
    expect(usage.totals.marsys).toBe(summary.marsysTokens)
    expect(sum(usage.messages.marsys)).toBe(summary.marsysTokens)
    expect(usage.totals.bpe.total).toBe(sum(usage.messages.bpe) + 3)
    expect(usage.model.encoding).toBe('o200k_base')
    expect(usage.messages.toolResult.filter(Boolean)).toHaveLength(4)
    expect(usage.budget.used).toBe(usage.totals.bpe.total)
    expect(usage.budget.marsys).toMatchObject({ thresholdTokens: 150_000, wouldCompact: false })
    expect(usage.thresholdCrossing).toBe(-1)
    expect(usage.counted).toBe(summary.messageCount)
    expect(progress.at(-1)).toMatchObject({ id, done: summary.messageCount, total: summary.messageCount })

    // A user message's BPE figure is gpt-tokenizer's count of its text plus the chat framing.
    const first = await call<{ role: string; raw: string }>('document.message', { id, index: 0 })
    const content = (JSON.parse(first.raw) as { content: string }).content
    const framing = 3 + countO200k(first.role)
    expect(usage.messages.bpe[0]).toBe(countO200k(content) + framing)
  })

  it('re-counts only the edited message after an edit, and answers the same revision from memory', async () => {
    const { call, open } = setUp()
    const id = await open('03_tool_calls.json')
    const before = await call<TokenUsage>('tokens.usage', { id, model: 'gpt-4o' })
    expect((await call<TokenUsage>('tokens.usage', { id, model: 'gpt-4o' })).counted).toBe(0)
    const text = 'a much longer user message '.repeat(40)
    await call('document.edit', {
      id,
      revision: before.revision,
      commands: [{ op: 'setContentText', index: 0, text }],
    })
    const after = await call<TokenUsage>('tokens.usage', { id, model: 'gpt-4o' })
    expect(after.revision).toBeGreaterThan(before.revision)
    expect(after.counted).toBe(1)
    expect(after.messages.ids).toEqual(before.messages.ids)
    expect(after.messages.bpe.slice(1)).toEqual(before.messages.bpe.slice(1))
    expect(after.messages.bpe[0]).toBe(countO200k(text) + 3 + countO200k('user'))
    expect(after.totals.bpe.total).toBe(sum(after.messages.bpe) + 3)
  })

  it('uses the chosen model: its encoding, window and prices', async () => {
    const { call, open } = setUp()
    const id = await open('03_tool_calls.json')
    const o200k = await call<TokenUsage>('tokens.usage', { id, model: 'gpt-4o' })
    const cl100k = await call<TokenUsage>('tokens.usage', { id, model: 'gpt-4-turbo' })
    expect(cl100k.model.encoding).toBe('cl100k_base')
    expect(cl100k.budget.contextWindow).toBe(cl100k.model.contextWindow)
    expect(cl100k.budget.encoding).toBe('cl100k_base')
    expect(o200k.model.inputPerMillion).not.toBe(cl100k.model.inputPerMillion)
    expect(cl100k.cost.prompt).toBeCloseTo((cl100k.totals.bpe.total * cl100k.model.inputPerMillion) / 1e6, 12)
    await expect(call('tokens.usage', { id, model: 'no-such-model' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('marks where MARSYS would compact with a managed config', async () => {
    const { call, open } = setUp()
    const id = await open('03_tool_calls.json')
    const usage = await call<TokenUsage>('tokens.usage', {
      id,
      model: 'gpt-4o',
      managedConfig: { threshold_tokens: 50 },
    })
    expect(usage.budget.marsys.wouldCompact).toBe(true)
    let running = 0
    const crossing = usage.messages.marsys.findIndex((n) => (running += n) > 50)
    expect(usage.thresholdCrossing).toBe(crossing)
    await expect(
      call('tokens.usage', {
        id,
        model: 'gpt-4o',
        managedConfig: { threshold_tokens: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('cancels a running count', async () => {
    const { call, open } = setUp()
    const id = await open('12_large_20000.json')
    const counting = call('tokens.usage', { id, model: 'gpt-4o' })
    let settled = false
    void counting.catch(() => undefined).finally(() => (settled = true))
    let cancelled = false
    while (!cancelled && !settled) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      cancelled = (await call<{ cancelled: boolean }>('tokens.cancel', { id })).cancelled
    }
    expect(cancelled).toBe(true)
    await expect(counting).rejects.toMatchObject({ code: 'CONFLICT', details: { cancelled: true } })
    expect(await call('tokens.cancel', { id })).toEqual({ cancelled: false })
  })
})

describe('tokens.truncateToolResult', () => {
  it("cuts a tool result as MARSYS's tool_truncation does, and refuses other messages", async () => {
    const { call, open } = setUp()
    const id = await open('03_tool_calls.json')
    const usage = await call<TokenUsage>('tokens.usage', { id, model: 'gpt-4o' })
    const index = usage.messages.toolResult.indexOf(true)
    await call('document.edit', {
      id,
      revision: usage.revision,
      commands: [{ op: 'setContentText', index, text: 'é'.repeat(10_000) }],
    })
    const cut = await call<{ text: string; changed: boolean; maxTokens: number }>(
      'tokens.truncateToolResult',
      {
        id,
        index,
      },
    )
    // MARSYS's defaults: 1,200 tokens = 4,800 code points, the marker included.
    expect(cut).toMatchObject({ changed: true, maxTokens: 1200 })
    expect(cut.text).toBe('é'.repeat(4800 - 12) + ' [truncated]')
    const tight = await call<{ text: string }>('tokens.truncateToolResult', { id, index, maxTokens: 10 })
    expect(tight.text).toBe('é'.repeat(28) + ' [truncated]')
    const other = usage.messages.toolResult.lastIndexOf(true)
    expect(await call('tokens.truncateToolResult', { id, index: other })).toMatchObject({ changed: false })
    await expect(call('tokens.truncateToolResult', { id, index: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
  })
})

describe('tokens.overview', () => {
  it("totals open files and the store's sessions, largest first", async () => {
    const { call, open } = setUp()
    await open('03_tool_calls.json')
    await open('01_plain_conversation.json')
    await call('session.create', { session_id: 'empty-one' })
    const big = await call<{ id: string; revision: number }>('session.open', { id: 'big-one' }).catch(
      async () => {
        await call('session.create', { session_id: 'big-one' })
        return call<{ id: string; revision: number }>('session.open', { id: 'big-one' })
      },
    )
    await call('document.edit', {
      id: big.id,
      revision: big.revision,
      commands: [{ op: 'insert', index: 0, role: 'user', text: 'hello there, how are you today?' }],
    })
    const overview = await call<{
      files: { name: string; bpe: number; docId: string }[]
      sessions: { sessionId: string; bpe: number; messages: number; docId: string | null }[]
    }>('tokens.overview', { model: 'gpt-4o' })
    expect(overview.files.map((f) => f.name)).toEqual(['03_tool_calls.json', '01_plain_conversation.json'])
    expect(overview.files[0].bpe).toBeGreaterThan(overview.files[1].bpe)
    expect(overview.sessions.map((s) => [s.sessionId, s.messages])).toEqual([
      ['big-one', 1],
      ['empty-one', 0],
    ])
    expect(overview.sessions[0].docId).toBe(big.id)
    expect(overview.sessions[0].bpe).toBe(countO200k('hello there, how are you today?') + 3 + 1 + 3)
  })
})

describe('tokens.models and tokens.saveModels', () => {
  it('saves overrides to the data folder, validated, and reads them back', async () => {
    const { services, call } = setUp()
    const entry = {
      context_window: 32768,
      encoding: 'cl100k_base',
      input_per_million: 0.5,
      output_per_million: 1,
      prices_as_of: '2026-12-01',
    }
    const saved = await call<{ models: { id: string; overridden: boolean }[]; overrideFile: string }>(
      'tokens.saveModels',
      { models: { 'my-model': entry } },
    )
    expect(saved.models.find((m) => m.id === 'my-model')).toMatchObject({
      contextWindow: 32768,
      overridden: true,
    })
    const file = join(services.context.dataDir, 'model-windows.json')
    expect(saved.overrideFile).toBe(file)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ models: { 'my-model': entry } })
    await expect(
      call('tokens.saveModels', { models: { bad: { ...entry, prices_as_of: 'yesterday' } } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ models: { 'my-model': entry } })
    const listed = await call<{ models: { id: string }[] }>('tokens.models', {})
    expect(listed.models.some((m) => m.id === 'my-model')).toBe(true)
  })
})
