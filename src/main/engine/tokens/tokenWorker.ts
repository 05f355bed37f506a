/**
 * Worker-thread entry: counts batches of messages with real tokenizers so the main thread never runs BPE. Built as
 * its own entry (`out/main/tokenWorker.js`, see electron.vite.config.ts); started by TokenWorkerPool.
 */
import { constants, setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import type { TokenEstimator } from '../../../shared/model/langswarm'
import { createTokenizerEstimator } from '../langswarm/tokenizerEstimator'
import { countMessageTokens, parseMessageText, type BpeEncoding, type MessageTokens } from './messageTokens'
import { packTokens } from './packedTokens'
import type { TokenWorkerData, TokenWorkerRequest, TokenWorkerResponse } from './workerProtocol'

const loaded = new Map<BpeEncoding, Promise<TokenEstimator>>()

const SHORT_TEXT = 64
const MEMO_ENTRIES = 10_000

/** Roles, names and tool names repeat in every message: remember the counts of short texts. */
function rememberShortTexts(estimator: TokenEstimator): TokenEstimator {
  const memo = new Map<string, number>()
  return {
    id: estimator.id,
    count: (text) => {
      if (text.length > SHORT_TEXT) return estimator.count(text)
      let count = memo.get(text)
      if (count === undefined) {
        count = estimator.count(text)
        if (memo.size < MEMO_ENTRIES) memo.set(text, count)
      }
      return count
    },
  }
}

async function encodersFor(encodings: readonly BpeEncoding[]): Promise<Map<BpeEncoding, TokenEstimator>> {
  const encoders = new Map<BpeEncoding, TokenEstimator>()
  for (const encoding of encodings) {
    let estimator = loaded.get(encoding)
    if (!estimator)
      loaded.set(encoding, (estimator = createTokenizerEstimator(encoding).then(rememberShortTexts)))
    encoders.set(encoding, await estimator)
  }
  return encoders
}

async function handle(request: TokenWorkerRequest): Promise<TokenWorkerResponse> {
  const encoders = await encodersFor(request.encodings)
  const counts: MessageTokens[] = []
  for (let i = 0; i < request.texts.length; i++) {
    let message: unknown
    try {
      message = parseMessageText(request.texts[i])
    } catch (error) {
      return { id: request.id, error: error instanceof Error ? error.message : String(error), index: i }
    }
    counts.push(countMessageTokens(message, encoders))
  }
  return { id: request.id, counts: packTokens(counts, request.encodings) }
}

const port = parentPort
if (!port) throw new Error('tokenWorker must run in a worker thread')

// On Linux the nice value belongs to the thread: counting below normal priority yields the CPU to the main thread
// (the app's answers) and to the rest of the machine. Elsewhere it would lower the whole process, so it is left alone.
const priority = (workerData as Partial<TokenWorkerData> | null)?.priority ?? 'below-normal'
if (process.platform === 'linux' && priority === 'below-normal') {
  try {
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL)
  } catch {
    // Not allowed here: counting just runs at normal priority.
  }
}
port.on('message', (request: TokenWorkerRequest) => {
  handle(request).then(
    (response) =>
      port.postMessage(response, 'counts' in response ? [response.counts.numbers.buffer as ArrayBuffer] : []),
    (error: unknown) =>
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  )
})
