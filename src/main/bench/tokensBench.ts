import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DefaultTokenCounter } from '../../shared/tokens/marsysTokenCounter'
import { MarsysFile } from '../engine/marsys/codec'
import type { TokenEstimator } from '../../shared/model/langswarm'
import { createTokenizerEstimator } from '../engine/langswarm/tokenizerEstimator'
import { ConversationTokenLedger } from '../engine/tokens/conversationTokens'
import { countMessageTokens, parseMessageText, type BpeEncoding } from '../engine/tokens/messageTokens'
import { TokenService, type MessageTextList } from '../engine/tokens/tokenService'
import { writeGeneratedMarsysFile } from './generateMarsysFile'
import type { BenchRow } from './types'

export interface TokensBenchOptions {
  /** Messages in the generated file for the MARSYS total (default 100,000). */
  messages?: number
  /** Messages counted with BPE (default 10,000, about 10 MB: a steady rate, short on a shared machine). */
  bpeMessages?: number
  /** The token worker script (default: the built one next to the bench). */
  workerPath?: string
}

const TARGET_MARSYS_MS = 300
const TARGET_BPE_MB_PER_S = 15
const TARGET_STALL_MS = 50
const REPEATS = 3
const MB = 1024 * 1024
const GENERATED_TIMESTAMP = 1795317863.1020892
const NO_SPECIAL = { disallowedSpecial: new Set<string>() }

const since = (t0: number): number => performance.now() - t0
const round = (n: number): number => Math.round(n * 100) / 100
const gc = (): void => (globalThis as { gc?: () => void }).gc?.()

function best(run: () => void): number {
  let fastest = Infinity
  for (let i = 0; i < REPEATS; i++) {
    gc()
    const t0 = performance.now()
    run()
    fastest = Math.min(fastest, since(t0))
  }
  return fastest
}

const PROBE_MS = 5

/**
 * How late a 5 ms timer fired at worst while `work` runs: how long the main thread was blocked. A timer, not a
 * busy setImmediate loop, so the probe itself does not take a core from the workers.
 */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let stallMs = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    stallMs = Math.max(stallMs, now - last - PROBE_MS)
    last = now
  }, PROBE_MS)
  try {
    return { result: await work(), stallMs }
  } finally {
    clearInterval(timer)
  }
}

/**
 * Token counting: MARSYS's total for a large file (from the byte scan, against decoding every message as before)
 * and real BPE counting in the worker pool (against one thread of gpt-tokenizer), with the cache, one edit and
 * the main thread's longest stall.
 */
export async function runTokensBench(opts: TokensBenchOptions = {}): Promise<BenchRow[]> {
  const count = opts.messages ?? 100_000
  const dir = await mkdtemp(join(tmpdir(), 'mi-tokens-bench-'))
  try {
    const path = join(dir, 'memory.json')
    writeGeneratedMarsysFile(path, count, GENERATED_TIMESTAMP)
    const bytes = await readFile(path)
    return [
      ...marsysRows(bytes, count),
      ...(await bpeRows(bytes, opts.bpeMessages ?? 10_000, opts.workerPath)),
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function marsysRows(bytes: Buffer, count: number): BenchRow[] {
  const floorMs = best(() => JSON.parse(bytes.toString('utf8')))
  const indexMs = best(() => MarsysFile.open(bytes))
  const openAndTotalMs = best(() => MarsysFile.open(bytes).marsysTokenTotal)
  const file = MarsysFile.open(bytes)
  let total = 0
  const totalMs = best(() => (total = file.marsysTokenTotal))
  const counter = new DefaultTokenCounter()
  let decoded = 0
  const decodeMs = best(() => {
    decoded = 0
    for (let i = 0; i < file.messageCount; i++) decoded += counter.countMessage(file.decodeMessagePlain(i))
  })
  if (decoded !== total) throw new Error(`MARSYS totals differ: scan ${total}, decode ${decoded}`)
  const label = count.toLocaleString('en-US')
  return [
    { name: `tokens: file of ${label} messages`, value: round(bytes.length / MB), unit: 'MB' },
    { name: 'tokens: floor JSON.parse of the file', value: round(floorMs), unit: 'ms' },
    { name: 'tokens: full index (scan counts code points)', value: round(indexMs), unit: 'ms' },
    {
      name: `tokens: MARSYS total of ${label} messages after the index`,
      value: round(totalMs),
      unit: 'ms',
      target: `< ${TARGET_MARSYS_MS} ms`,
      ok: totalMs < TARGET_MARSYS_MS,
    },
    { name: 'tokens: open + index + MARSYS total', value: round(openAndTotalMs), unit: 'ms' },
    {
      name: 'tokens: open + index + MARSYS total / floor',
      value: round(openAndTotalMs / floorMs),
      unit: '×',
    },
    { name: 'tokens: MARSYS total by decoding every message (before)', value: round(decodeMs), unit: 'ms' },
    { name: 'tokens: before / now (MARSYS total)', value: round(decodeMs / totalMs), unit: '×' },
    { name: 'tokens: MARSYS total', value: total, unit: 'tokens' },
  ]
}

async function bpeRows(bytes: Buffer, bpeMessages: number, workerPath?: string): Promise<BenchRow[]> {
  const file = MarsysFile.open(bytes)
  const n = Math.min(bpeMessages, file.messageCount)
  const texts = Array.from({ length: n }, (_, i) => file.messageText(i))
  // Other messages of the same file warm gpt-tokenizer's merge caches, in this thread and in each worker.
  const warmUpTexts = Array.from({ length: Math.min(2000, file.messageCount - n) }, (_, i) =>
    file.messageText(n + i),
  )
  const list: MessageTextList = { length: n, text: (i) => texts[i] }
  const textMb = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / MB
  const rate = (ms: number): number => textMb / (ms / 1000)

  // Floors on this thread: gpt-tokenizer alone over the JSON texts, and the workers' own work done here.
  const encoders = new Map<BpeEncoding, TokenEstimator>([['o200k_base', await createTokenizerEstimator()]])
  for (const text of warmUpTexts) countMessageTokens(parseMessageText(text), encoders)
  // Imported here, not at the top: every bench phase runs this script, and the encoding alone is tens of MB.
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base')
  const t0 = performance.now()
  for (const text of texts) countTokens(text, NO_SPECIAL)
  const libraryMs = since(t0)
  const t1 = performance.now()
  for (const text of texts) countMessageTokens(parseMessageText(text), encoders)
  const oneThreadMs = since(t1)
  // What the machine does to an idle event loop (other processes): the stall below is compared with it.
  const { stallMs: idleStallMs } = await longestStall(
    () => new Promise((resolve) => setTimeout(resolve, 1000)),
  )

  const service = new TokenService({ workerPath })
  try {
    // Start the workers and load the encoding, so the figure is the counting rate.
    await service.warmUp(['o200k_base'])
    await service.count(
      { length: warmUpTexts.length, text: (i) => warmUpTexts[i] },
      { encodings: ['o200k_base'] },
    )
    const t2 = performance.now()
    const { stallMs } = await longestStall(() => service.count(list, { encodings: ['o200k_base'] }))
    const poolMs = since(t2)
    const t3 = performance.now()
    await service.count(list, { encodings: ['o200k_base'] })
    const cachedMs = since(t3)

    const messages = texts.slice(0, 2000).map((text) => JSON.parse(text) as unknown)
    const ledger = await ConversationTokenLedger.create(service, messages, { encodings: ['o200k_base'] })
    const t4 = performance.now()
    await ledger.replace(Math.floor(messages.length / 2), {
      role: 'user',
      content: 'edited by the benchmark',
    })
    const editMs = since(t4)

    return [
      {
        name: `tokens: BPE o200k_base, ${n.toLocaleString('en-US')} messages`,
        value: round(textMb),
        unit: 'MB',
      },
      { name: 'tokens: gpt-tokenizer alone, one thread', value: round(rate(libraryMs)), unit: 'MB/s' },
      { name: 'tokens: per-message counting, one thread', value: round(rate(oneThreadMs)), unit: 'MB/s' },
      {
        name: `tokens: BPE across ${service.poolSize} workers`,
        value: round(rate(poolMs)),
        unit: 'MB/s',
        target: `≥ ${TARGET_BPE_MB_PER_S} MB/s`,
        ok: rate(poolMs) >= TARGET_BPE_MB_PER_S,
      },
      { name: 'tokens: workers / one thread (same counting)', value: round(oneThreadMs / poolMs), unit: '×' },
      {
        name: 'tokens: longest stall of an idle event loop (machine)',
        value: round(idleStallMs),
        unit: 'ms',
      },
      {
        name: 'tokens: longest main-thread stall while counting',
        value: round(stallMs),
        unit: 'ms',
        target: `≤ ${TARGET_STALL_MS} ms`,
        ok: stallMs <= TARGET_STALL_MS,
      },
      { name: 'tokens: recount, all from the cache', value: round(cachedMs), unit: 'ms' },
      { name: 'tokens: one edit re-counted (ledger)', value: round(editMs), unit: 'ms' },
    ]
  } finally {
    await service.close()
  }
}
