/**
 * Worker-thread entry: runs one insights job (analysis, entities, graph) so the main thread never does. Built as
 * its own entry (`out/main/insightWorker.js`, see electron.vite.config.ts); started by InsightRunner, one worker per
 * job, ended when the job is done or cancelled.
 */
import { constants, setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { LlmError } from '../llm/llmError'
import { runJob, type JobRequest } from './insightJob'
import type { InsightWorkerRequest, InsightWorkerResponse } from './insightRunner'

const port = parentPort
if (!port) throw new Error('insightWorker.ts runs as a worker thread')

try {
  // This thread only: the UI's process keeps its priority.
  setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL)
} catch {
  // Not allowed everywhere; running at normal priority is fine.
}

let request: JobRequest | null = null
const reply = (response: InsightWorkerResponse): void => port.postMessage(response)

const failed = (error: unknown): void =>
  reply({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof LlmError ? { llmError: error.kind } : {}),
  })

port.on('message', (message: InsightWorkerRequest) => {
  try {
    if (message.type === 'begin') request = message.request
    else if (message.type === 'raws') {
      const target =
        request?.kind === 'store' ? request.conversations[message.conversation] : request?.conversation
      target?.raws.push(...message.raws)
    } else if (message.type === 'run' && request) {
      // A graph job that asks the LLM answers later; the others at once.
      Promise.resolve(
        runJob(request, (phase, done, total) => reply({ type: 'progress', phase, done, total })),
      ).then((result) => reply({ type: 'result', result }), failed)
    }
  } catch (error) {
    failed(error)
  }
})
