/**
 * Worker-thread entry: parses, fingerprints and aligns two conversations' messages (see alignJob.ts) so a
 * 100k-message comparison neither blocks the main thread nor fills its heap. Built as its own entry
 * (`out/main/alignWorker.js`, see electron.vite.config.ts); started by AlignRunner, one worker per comparison, ended
 * when it answers or is cancelled.
 */
import { constants, setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { AlignJob } from './alignJob'
import type { AlignWorkerRequest, AlignWorkerResponse } from './alignRunner'

const port = parentPort
if (!port) throw new Error('alignWorker.ts runs as a worker thread')

try {
  setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL)
} catch {
  // Not allowed everywhere; normal priority is fine.
}

let job: AlignJob | null = null

port.on('message', (request: AlignWorkerRequest) => {
  try {
    if (request.type === 'begin') job = new AlignJob(request.counts, request.options)
    else if (request.type === 'raws') job?.add(request.side, request.raws)
    else if (job) {
      const rows = job.run()
      const response: AlignWorkerResponse = { type: 'result', rows }
      port.postMessage(response, [rows.kinds.buffer, rows.left.buffer, rows.right.buffer] as ArrayBuffer[])
    }
  } catch (error) {
    const response: AlignWorkerResponse = {
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    }
    port.postMessage(response)
  }
})
