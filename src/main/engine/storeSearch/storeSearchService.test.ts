import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Message, SessionMetadata } from '../../../shared/model/langswarm'
import type { StoreSearchQuery } from '../../../shared/domains/store/storeSearchSchemas'
import { AppError } from '../appError'
import { InMemoryBackend, JsonFileBackend, type SessionStoreBackend } from '../langswarm'
import { searchableStore } from './searchableStore'
import { StoreSearchService, type StoreSearchBudget } from './storeSearchService'
import { MAX_WORD_LENGTH } from './storeSearchIndex'

/** Generous budgets: unit tests assert what is found, never how fast. */
const NO_HURRY: StoreSearchBudget = { sliceMs: 20, queryMs: 60_000 }
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function serviceOver(backend: SessionStoreBackend, budget = NO_HURRY): StoreSearchService {
  const service = new StoreSearchService(searchableStore(backend), budget)
  cleanups.push(() => service.dispose())
  return service
}

const user = (content: string) => new Message({ role: 'user', content })
const toolCall = (id: string, name: string, args: string) =>
  new Message({
    role: 'assistant',
    content: '',
    tool_calls: [{ id, type: 'function', function: { name, arguments: args } }],
  })
const toolResult = (callId: string, content: string) =>
  new Message({ role: 'tool', content, metadata: { tool_call_id: callId, name: 'get_weather' } })

async function session(backend: SessionStoreBackend, id: string, messages: Message[]) {
  const created = await backend.createSession(new SessionMetadata({ session_id: id, max_messages: 10_000 }))
  for (const message of messages) await created.addMessage(message)
  return created
}

/** Searches once everything queued is indexed; hits as `session#index field`. */
async function search(service: StoreSearchService, query: Partial<StoreSearchQuery> & { text: string }) {
  await service.idle()
  const result = await service.search(query)
  return { ...result, where: result.hits.map((hit) => `${hit.sessionId}#${hit.index} ${hit.field}`) }
}

describe('store search', () => {
  it('finds words, substrings, tool names, call ids and phrases across sessions', async () => {
    const backend = new InMemoryBackend()
    await session(backend, 'a', [
      user('What is the weather in Berlin?'),
      toolCall('call_wx_berlin', 'get_weather', '{"city": "Berlin"}'),
      toolResult('call_wx_berlin', 'Sunny, 21 °C'),
    ])
    await session(backend, 'b', [user('Remind me about the Berlinale tickets')])
    const service = serviceOver(backend)

    const berlin = await search(service, { text: 'berlin' })
    expect(berlin.where.sort()).toEqual(['a#0 content', 'a#1 arguments', 'a#2 arguments', 'b#0 content'])
    expect(berlin).toMatchObject({ total: 4, complete: true, sessions: 2 })
    expect(berlin.indexing).toBeUndefined()
    expect(berlin.hits.find((hit) => hit.sessionId === 'b')).toMatchObject({
      snippet: 'Remind me about the Berlinale tickets',
      matchStart: 20,
      matchEnd: 26,
    })

    expect((await search(service, { text: 'call_wx_berlin', fields: ['arguments'] })).where).toEqual([
      'a#1 arguments',
      'a#2 arguments',
    ])
    expect((await search(service, { text: 'get_weather', fields: ['tool'] })).where).toEqual([
      'a#1 tool',
      'a#2 tool',
    ])
    expect((await search(service, { text: '"city": "Berlin"' })).where).toEqual(['a#1 arguments'])
    expect((await search(service, { text: 'Berlin', caseSensitive: true })).total).toBe(3)
    expect((await search(service, { text: 'BERLIN', caseSensitive: true })).total).toBe(0)
    expect((await search(service, { text: 'tool', fields: ['role'] })).where).toEqual(['a#2 role'])
    expect((await search(service, { text: 'nowhere' })).total).toBe(0)
  })

  it('keeps up with creates, appends, edits, clears and deletes', async () => {
    const backend = new InMemoryBackend()
    const first = await session(backend, 'first', [user('alpha bravo')])
    const service = serviceOver(backend)
    expect((await search(service, { text: 'alpha' })).where).toEqual(['first#0 content'])

    await first.addMessage(user('charlie alpha'))
    expect((await search(service, { text: 'alpha' })).where).toEqual(['first#0 content', 'first#1 content'])

    await first.replaceMessages((current) => [user('delta'), current[1]])
    expect((await search(service, { text: 'alpha' })).where).toEqual(['first#1 content'])
    expect((await search(service, { text: 'bravo' })).total).toBe(0)
    expect((await search(service, { text: 'delta' })).where).toEqual(['first#0 content'])

    await session(backend, 'second', [user('alpha again')])
    expect((await search(service, { text: 'alpha' })).total).toBe(2)

    await backend.importSession({
      metadata: new SessionMetadata({ session_id: 'imported' }),
      messages: [user('echo alpha')],
      summaries: [],
      currentSummaryId: null,
    })
    expect((await search(service, { text: 'alpha' })).total).toBe(3)

    await first.clearMessages(false)
    expect((await search(service, { text: 'alpha' })).where.sort()).toEqual([
      'imported#0 content',
      'second#0 content',
    ])

    expect(await backend.deleteSession('second')).toBe(true)
    const after = await search(service, { text: 'alpha' })
    expect(after.where).toEqual(['imported#0 content'])
    expect(after.sessions).toBe(2)
  })

  it('indexes a session written while it was being indexed with its newest messages', async () => {
    const backend = new InMemoryBackend()
    const busy = await session(
      backend,
      'busy',
      Array.from({ length: 300 }, (_, i) => user(`old message ${i}`)),
    )
    // Slices of no time at all: the indexer yields after every few messages, so the edit lands mid-way.
    const service = serviceOver(backend, { sliceMs: 0, queryMs: 60_000 })
    service.start()
    await busy.replaceMessages(() => [user('fresh start')])
    expect((await search(service, { text: 'old' })).total).toBe(0)
    expect((await search(service, { text: 'fresh' })).where).toEqual(['busy#0 content'])
    expect(service.index.messageCount).toBe(1)
  })

  it('pages through hits and counts them all', async () => {
    const backend = new InMemoryBackend()
    await session(
      backend,
      'many',
      Array.from({ length: 30 }, (_, i) => user(`needle ${i}`)),
    )
    const service = serviceOver(backend)
    const page = await search(service, { text: 'needle', offset: 10, limit: 5 })
    expect(page.where).toEqual([
      'many#10 content',
      'many#11 content',
      'many#12 content',
      'many#13 content',
      'many#14 content',
    ])
    expect(page).toMatchObject({ total: 30, complete: true, candidates: 30, offset: 10 })
    // A phrase needs every candidate read to count them: still all 30 within the budget.
    const phrase = await search(service, { text: 'needle 2', limit: 2 })
    expect(phrase.where).toEqual(['many#2 content', 'many#20 content'])
    expect(phrase).toMatchObject({ total: 11, complete: true })
  })

  it('says a count is not complete when the budget runs out', async () => {
    const backend = new InMemoryBackend()
    await session(
      backend,
      'big',
      Array.from({ length: 50 }, (_, i) => user(`same words ${i}`)),
    )
    const service = serviceOver(backend, { sliceMs: 20, queryMs: 0 })
    const result = await search(service, { text: 'same words' })
    expect(result).toMatchObject({ complete: false, total: 0, candidates: 50 })
  })

  it('runs regular expressions on candidates and scans when the pattern has no word', async () => {
    const backend = new InMemoryBackend()
    await session(backend, 'logs', [
      user('deployment failed at 2026-01-02'),
      user('deploying failed again'),
      user('deploy ok'),
    ])
    await session(backend, 'other', [user('invoice 2025-12-31')])
    const service = serviceOver(backend)
    const regex = await search(service, { text: 'deploy\\w+ failed', regex: true })
    expect(regex.where).toEqual(['logs#0 content', 'logs#1 content'])
    expect(regex.scanned).toBeUndefined()

    const dates = await search(service, { text: '\\d{4}-\\d\\d-\\d\\d', regex: true })
    expect(dates.where.sort()).toEqual(['logs#0 content', 'other#0 content'])
    expect(dates).toMatchObject({ complete: true, scanned: { sessions: 2, of: 2 } })

    const partial = await serviceOver(backend, { sliceMs: 20, queryMs: 0 }).search({
      text: '\\d+',
      regex: true,
    })
    expect(partial).toMatchObject({ complete: false, scanned: { sessions: 0, of: 2 } })

    await expect(service.search({ text: '(a)\\1', regex: true })).rejects.toThrow(AppError)
  })

  it('finds unicode text and messages with words too long to index', async () => {
    const backend = new InMemoryBackend()
    const blob = 'x'.repeat(MAX_WORD_LENGTH + 10) + 'needle'
    await session(backend, 'u', [user('Ünïcode café ΟΔΟΣ 東京タワー'), user(`data:${blob}`)])
    const service = serviceOver(backend)
    expect((await search(service, { text: 'CAFÉ' })).where).toEqual(['u#0 content'])
    expect((await search(service, { text: 'οδοσ' })).where).toEqual(['u#0 content'])
    expect((await search(service, { text: '京タ' })).where).toEqual(['u#0 content'])
    expect((await search(service, { text: 'xneedle' })).where).toEqual(['u#1 content'])
    expect((await search(service, { text: 'needle' })).total).toBe(1)
  })

  it('compacts after many re-indexes and still answers the same', async () => {
    const backend = new InMemoryBackend()
    const churn = await session(backend, 'churn', [user('stable words')])
    const service = serviceOver(backend)
    await service.idle()
    for (let round = 0; round < 3; round++) {
      service.index.setSession('bulk', [])
      await churn.replaceMessages((current) => [...current, user(`round ${round}`)])
    }
    const before = service.index.epoch
    service.index.compact()
    expect(service.index.epoch).toBe(before + 1)
    expect((await search(service, { text: 'round' })).where).toEqual([
      'churn#1 content',
      'churn#2 content',
      'churn#3 content',
    ])
    expect(service.index.messageCount).toBe(4)
  })

  it('indexes a JSON-file store from disk and starts over after a repair', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-search-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const backend = new JsonFileBackend({ path: join(dir, 'store') })
    cleanups.push(async () => void (await backend.disconnect()))
    await session(backend, 'disk', [user('persisted words')])
    const service = serviceOver(backend)
    expect((await search(service, { text: 'persisted' })).where).toEqual(['disk#0 content'])
    await backend.repair()
    expect((await search(service, { text: 'persisted' })).where).toEqual(['disk#0 content'])
    expect((await service.progress()).pending).toBe(0)
  })
})
