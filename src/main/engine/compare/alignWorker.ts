/**
 * Worker-thread entry: aligns two conversations' fingerprints (see alignRows.ts) so a 100k-message comparison never
 * blocks the main thread. Built as its own entry (`out/main/alignWorker.js`, see electron.vite.config.ts); started
 * by AlignRunner, one worker per comparison, ended when it answers or is cancelled.
 */
import { constants, setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { alignRows } from './alignRows'
import type { AlignWorkerRequest, AlignWorkerResponse } from './alignRunner'

const port = parentPort
if (!port) throw new Error('alignWorker.ts runs as a worker thread')

try {
  setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL)
} catch {
  // Not allowed everywhere; normal priority is fine.
}

port.on('message', ({ left, right, options }: AlignWorkerRequest) => {
  try {
    const rows = alignRows(left, right, options)
    const response: AlignWorkerResponse = { type: 'result', rows }
    port.postMessage(response, [rows.kinds.buffer, rows.left.buffer, rows.right.buffer] as ArrayBuffer[])
  } catch (error) {
    const response: AlignWorkerResponse = {
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    }
    port.postMessage(response)
  }
})
