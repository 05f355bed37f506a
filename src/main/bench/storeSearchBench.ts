import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StoreSearchQuery } from '../../shared/domains/store/storeSearchSchemas'
import { JsonFileBackend } from '../engine/langswarm'
import { messageTexts } from '../engine/storeSearch/messageTexts'
import { searchableStore } from '../engine/storeSearch/searchableStore'
import { StoreSearchService } from '../engine/storeSearch/storeSearchService'
import { buildBenchStore, type BenchMessageMaker } from './sessionStoreBench'
import type { BenchRow } from './types'

const TARGET_MS = 1000
const RUNS = 5
const VOCABULARY = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x${(i * 7919) % 997}`)
const RARE_WORD = 'zephyrine'
const COMMON_WORD = 'deployment'

/** A deterministic generator, so every run searches the same store. */
function words(seed: number, count: number): string {
  let state = seed >>> 0 || 1
  const picked: string[] = []
  for (let i = 0; i < count; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    picked.push(VOCABULARY[(state >>> 0) % VOCABULARY.length])
  }
  return picked.join(' ')
}

/** Users ask, assistants call tools (one call id per call), tools answer; a few words are planted. */
const searchMessage: BenchMessageMaker = (session, m) => {
  const seed = session * 131 + m * 7 + 1
  const callId = `call_${session}_${m - 1}`
  switch (m % 4) {
    case 1:
      return {
        role: 'assistant',
        content: '',
        tool_calls: [
          {
            id: `call_${session}_${m}`,
            type: 'function',
            function: { name: `tool_${m % 13}`, arguments: JSON.stringify({ query: words(seed, 3) }) },
          },
        ],
      }
    case 2:
      return {
        role: 'tool',
        content: words(seed, 25),
        metadata: { tool_call_id: callId, name: `tool_${(m - 1) % 13}` },
      }
    default: {
      const planted =
        session % 1000 === 7 && m === 40 ? ` ${RARE_WORD}` : m % 3 === 0 ? ` ${COMMON_WORD}` : ''
      return { role: m % 4 === 0 ? 'user' : 'assistant', content: `${words(seed, 20)}${planted}` }
    }
  }
}

/**
 * Builds a store of 10,000 sessions × 100 messages, indexes it, and times store searches (median of several
 * runs): a rare word, a common word, a call id, a phrase and a regex. The floor is one in-memory pass of the
 * common word over every message's text (what a search without an index must at least do, after reading it all).
 */
export async function runStoreSearchBench(): Promise<BenchRow[]> {
  const root = await mkdtemp(join(tmpdir(), 'store-search-bench-'))
  const rows: BenchRow[] = []
  try {
    const path = join(root, 'store')
    await buildBenchStore(path, searchMessage)
    const backend = new JsonFileBackend({ path })
    const service = new StoreSearchService(searchableStore(backend))
    try {
      const indexStart = performance.now()
      await service.idle()
      rows.push({
        name: `store search: index 1M messages (${service.index.wordCount.toLocaleString('en-US')} words)`,
        value: Math.round(performance.now() - indexStart),
        unit: 'ms',
      })
      rows.push({
        name: 'store search: memory after indexing (heap and array buffers)',
        value: Math.round((process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers) / 2 ** 20),
        unit: 'MiB',
      })
      const floorMs = await scanFloor(backend)
      rows.push({
        name: 'store search: floor, one in-memory pass of 1M texts',
        value: round(floorMs),
        unit: 'ms',
      })
      const queries: [string, StoreSearchQuery][] = [
        ['a rare word', { text: RARE_WORD }],
        ['a common word', { text: COMMON_WORD }],
        ['a call id', { text: 'call_4321_41', fields: ['arguments'] }],
        ['a phrase', { text: words(1, 2) }],
        ['a regex', { text: 'call_4321_\\d+', regex: true, fields: ['arguments'] }],
        ['a regex with no word (bounded scan)', { text: '\\d{3}-\\d{4}', regex: true }],
      ]
      for (const [what, query] of queries) {
        let total = 0
        let complete = true
        const ms = await median(async () => {
          const result = await service.search(query)
          total = result.total
          complete = result.complete
          if (result.indexing) throw new Error('the bench index is not complete')
        })
        rows.push({
          name: `store search: ${what} (${total.toLocaleString('en-US')} hits${complete ? '' : ', count partial'})`,
          value: round(ms),
          unit: 'ms',
          target: `< ${TARGET_MS} ms`,
          ok: ms < TARGET_MS,
        })
        if (what === 'a common word')
          rows.push({ name: 'store search: common word / floor', value: round(ms / floorMs), unit: '×' })
      }
    } finally {
      service.dispose()
      await backend.disconnect()
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
  return rows
}

/** The common word looked for in every message's text, held in memory (reading them is not counted). */
async function scanFloor(backend: JsonFileBackend): Promise<number> {
  const texts: string[] = []
  for (const id of await backend.sessionIds())
    for (const message of (await backend.peekMessages(id)) ?? [])
      texts.push(messageTexts(message).flat().join('\n').toLowerCase())
  const start = performance.now()
  let found = 0
  for (const text of texts) if (text.includes(COMMON_WORD)) found++
  if (found === 0) throw new Error('the bench store has no common word')
  return performance.now() - start
}

async function median(task: () => Promise<void>): Promise<number> {
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    await task()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

const round = (ms: number): number => Math.round(ms * 100) / 100
