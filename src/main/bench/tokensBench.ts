import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DefaultTokenCounter } from '../../shared/tokens/marsysTokenCounter'
import { MarsysFile } from '../engine/marsys/codec'
import type { TokenEstimator } from '../../shared/model/langswarm'
import { createTokenizerEstimator } from '../engine/langswarm/tokenizerEstimator'
import { ConversationTokenLedger } from '../engine/tokens/conversationTokens'
import { chatMessageTokens } from '../engine/tokens/chatTokenRule'
import { messageParts } from '../engine/tokens/messageParts'
import { countMessageTokens, parseMessageText, type BpeEncoding } from '../engine/tokens/messageTokens'
import { TokenService, type MessageTextList, type TokenServiceOptions } from '../engine/tokens/tokenService'
import { GENERATED_TIMESTAMP, writeGeneratedMarsysFile } from './generateMarsysFile'
import type { BenchRow } from './types'

export interface TokensBenchOptions {
  /** Messages in the generated file for the MARSYS total (default 100,000). */
  messages?: number
  /** Messages counted with BPE (default 10,000, about 10 MB: a steady rate, short on a shared machine). */
  bpeMessages?: number
  /** The token worker script (default: the built one next to the bench). */
  workerPath?: string
  /** Rounds of the BPE floors and pools, the fastest of each reported (default 3). */
  bpeRounds?: number
}

const TARGET_MARSYS_MS = 300
const TARGET_BPE_MB_PER_S = 15
const TARGET_STALL_MS = 50
const REPEATS = 3
const MB = 1024 * 1024
const NO_SPECIAL = { disallowedSpecial: new Set<string>() }

const since = (t0: number): number => performance.now() - t0
const round = (n: number): number => Math.round(n * 100) / 100
const gc = (): void => (globalThis as { gc?: () => void }).gc?.()

/** CPU time of this process (every thread) in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

function timed(run: () => void): number {
  gc()
  const t0 = performance.now()
  run()
  return since(t0)
}

function best(run: () => void): number {
  let fastest = Infinity
  for (let i = 0; i < REPEATS; i++) fastest = Math.min(fastest, timed(run))
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
      ...(await bpeRows(bytes, opts.bpeMessages ?? 10_000, opts.workerPath, opts.bpeRounds ?? REPEATS)),
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

/** The strings the chat rule hands the tokenizer for these messages, in order: gpt-tokenizer's share of the work. */
function tokenizerTexts(texts: readonly string[]): string[] {
  const out: string[] = []
  const record = (text: string): number => (out.push(text), 0)
  for (const text of texts) chatMessageTokens(messageParts(parseMessageText(text)), record)
  return out
}

interface BpeTimes {
  /** gpt-tokenizer alone over the strings the chat rule counts, on this thread. */
  libraryMs: number
  /** gpt-tokenizer alone over the whole JSON texts, on this thread (for reference: not the same work). */
  jsonMs: number
  /** What a worker does per message (parse, MARSYS, langswarm, chat rule), on this thread. */
  oneThreadMs: number
  /** `TokenService.count` of messages it has never seen, from the call to the answer, workers as in the app. */
  poolMs: number
  /** The same with the workers at normal priority, like this thread. */
  normalPoolMs: number
  /** The main thread's longest stall in the app's pool runs. */
  stallMs: number
  /** CPU time (all threads) of per-message counting on this thread, and of the pool's count at normal priority. */
  oneThreadCpuMs: number
  poolCpuMs: number
}

interface PoolRun {
  service: TokenService
  ms: number
  cpuMs: number
  stallMs: number
}

/** One count by a new pool (so nothing comes from the cache), started and warmed up before the clock starts. */
async function timePool(
  list: MessageTextList,
  warmUp: MessageTextList,
  opts: TokenServiceOptions,
): Promise<PoolRun> {
  const service = new TokenService(opts)
  try {
    await service.warmUp(['o200k_base'])
    await service.count(warmUp, { encodings: ['o200k_base'] })
    gc()
    const cpu0 = cpuMs()
    const t0 = performance.now()
    const { stallMs } = await longestStall(() => service.count(list, { encodings: ['o200k_base'] }))
    return { service, ms: since(t0), cpuMs: cpuMs() - cpu0, stallMs }
  } catch (error) {
    await service.close()
    throw error
  }
}

async function bpeRows(
  bytes: Buffer,
  bpeMessages: number,
  workerPath: string | undefined,
  rounds: number,
): Promise<BenchRow[]> {
  const file = MarsysFile.open(bytes)
  const n = Math.min(bpeMessages, file.messageCount)
  const texts = Array.from({ length: n }, (_, i) => file.messageText(i))
  // Other messages of the same file warm gpt-tokenizer's merge caches, in this thread and in each worker.
  const warmUpTexts = Array.from({ length: Math.min(2000, file.messageCount - n) }, (_, i) =>
    file.messageText(n + i),
  )
  const list: MessageTextList = { length: n, text: (i) => texts[i] }
  const warmUpList: MessageTextList = { length: warmUpTexts.length, text: (i) => warmUpTexts[i] }
  const textMb = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / MB
  const rate = (ms: number): number => textMb / (ms / 1000)
  const counted = tokenizerTexts(texts)

  const encoders = new Map<BpeEncoding, TokenEstimator>([['o200k_base', await createTokenizerEstimator()]])
  for (const text of warmUpTexts) countMessageTokens(parseMessageText(text), encoders)
  // Imported here, not at the top: every bench phase runs this script, and the encoding alone is tens of MB.
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base')
  // What the machine does to an idle event loop (other processes): the stall below is compared with it.
  const loadBefore = loadavg()[0]
  const { stallMs: idleStallMs } = await longestStall(
    () => new Promise((resolve) => setTimeout(resolve, 1000)),
  )

  // Rounds of every floor and the pool in turn, so each sees the same machine; the fastest of each is reported.
  const times: BpeTimes = {
    libraryMs: Infinity,
    jsonMs: Infinity,
    oneThreadMs: Infinity,
    poolMs: Infinity,
    normalPoolMs: Infinity,
    stallMs: 0,
    oneThreadCpuMs: Infinity,
    poolCpuMs: Infinity,
  }
  let service: TokenService | undefined
  try {
    for (let round = 0; round < rounds; round++) {
      times.libraryMs = Math.min(
        times.libraryMs,
        timed(() => counted.forEach((text) => countTokens(text, NO_SPECIAL))),
      )
      times.jsonMs = Math.min(
        times.jsonMs,
        timed(() => texts.forEach((text) => countTokens(text, NO_SPECIAL))),
      )
      const cpu0 = cpuMs()
      times.oneThreadMs = Math.min(
        times.oneThreadMs,
        timed(() => texts.forEach((text) => countMessageTokens(parseMessageText(text), encoders))),
      )
      times.oneThreadCpuMs = Math.min(times.oneThreadCpuMs, cpuMs() - cpu0)
      const normal = await timePool(list, warmUpList, { workerPath, priority: 'normal' })
      await normal.service.close()
      times.normalPoolMs = Math.min(times.normalPoolMs, normal.ms)
      times.poolCpuMs = Math.min(times.poolCpuMs, normal.cpuMs)
      await service?.close()
      const app = await timePool(list, warmUpList, { workerPath })
      service = app.service
      times.poolMs = Math.min(times.poolMs, app.ms)
      times.stallMs = Math.max(times.stallMs, app.stallMs)
    }
    if (!service) throw new Error('no BPE round ran')
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
    const load = Math.max(loadBefore, loadavg()[0])
    const poolRate = rate(times.poolMs)
    const poolSize = service.poolSize

    const mbPerS = (name: string, ms: number): BenchRow => ({ name, value: round(rate(ms)), unit: 'MB/s' })
    const ratio = (name: string, value: number): BenchRow => ({ name, value: round(value), unit: '×' })

    return [
      {
        name: `tokens: BPE o200k_base, ${n.toLocaleString('en-US')} messages (JSON text)`,
        value: round(textMb),
        unit: 'MB',
      },
      { name: 'tokens: load average (1 min) while measuring BPE', value: round(load), unit: '' },
      mbPerS('tokens: gpt-tokenizer alone, one thread, on the texts the chat rule counts', times.libraryMs),
      mbPerS('tokens: gpt-tokenizer alone, one thread, on the whole JSON texts (other work)', times.jsonMs),
      mbPerS('tokens: per-message counting (parse + every counter), one thread', times.oneThreadMs),
      {
        ...mbPerS(
          `tokens: BPE across ${poolSize} workers (wall time of count(), pool started beforehand)`,
          times.poolMs,
        ),
        target: `≥ ${TARGET_BPE_MB_PER_S} MB/s`,
        ok: poolRate >= TARGET_BPE_MB_PER_S,
      },
      mbPerS(
        `tokens: BPE across ${poolSize} workers at normal priority (as the one-thread rows)`,
        times.normalPoolMs,
      ),
      ratio(
        `tokens: workers at normal priority / gpt-tokenizer alone on the same texts (ideal ${poolSize}×)`,
        times.libraryMs / times.normalPoolMs,
      ),
      ratio(
        'tokens: workers at normal priority / per-message counting on one thread',
        times.oneThreadMs / times.normalPoolMs,
      ),
      // CPU time hardly depends on how busy the machine is: this says what the pool costs beyond the counting.
      ratio(
        "tokens: CPU time of the workers' count (all threads) / of per-message counting on one thread",
        times.poolCpuMs / times.oneThreadCpuMs,
      ),
      ratio(
        'tokens: workers as in the app (below normal priority) / at normal priority',
        times.normalPoolMs / times.poolMs,
      ),
      {
        name: 'tokens: longest stall of an idle event loop (machine)',
        value: round(idleStallMs),
        unit: 'ms',
      },
      {
        name: 'tokens: longest main-thread stall while counting',
        value: round(times.stallMs),
        unit: 'ms',
        target: `≤ ${TARGET_STALL_MS} ms`,
        ok: times.stallMs <= TARGET_STALL_MS,
      },
      { name: 'tokens: recount, all from the cache', value: round(cachedMs), unit: 'ms' },
      { name: 'tokens: one edit re-counted (ledger)', value: round(editMs), unit: 'ms' },
    ]
  } finally {
    await service?.close()
  }
}
