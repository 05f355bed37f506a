/**
 * Worker-thread entry: runs one summary or compaction task (summaryTask.ts) off the main thread. Built as its own
 * entry (`out/main/summaryWorker.js`, see electron.vite.config.ts); started by runSummaryTaskOffThread.
 */
import { parentPort } from 'node:worker_threads'
import { decodeWire, encodeWire } from '../../../shared/wire'
import { describeTaskError } from './summaryWorkerProtocol'
import { runSummaryTask, type SummaryTask } from './summaryTask'

const port = parentPort
if (!port) throw new Error('summaryWorker must run in a worker thread')

port.once('message', (wire: unknown) => {
  const task = decodeWire(wire) as SummaryTask
  runSummaryTask(task, (progress) => port.postMessage({ type: 'progress', progress })).then(
    (result) => port.postMessage({ type: 'result', result: encodeWire(result) }),
    (error: unknown) => port.postMessage({ type: 'error', error: describeTaskError(error) }),
  )
})
