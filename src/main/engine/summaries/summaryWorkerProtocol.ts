/** What crosses between the summary worker and main: errors travel as data and are rebuilt on main. */
import { CompactionModelError } from '../compaction/modelCall'
import { CompactionInputError } from '../compaction/simulate'
import { ConfigInputError } from '../compaction/configInput'
import { LlmError, type LlmErrorKind } from '../llm/llmError'
import type { TaskProgress } from './summaryTask'

export interface TaskErrorData {
  name: string
  message: string
  /** For an LlmError (also when it is a compaction model error's cause). */
  llm?: { kind: LlmErrorKind; message: string; status: number | null }
}

export type WorkerReply =
  | { type: 'progress'; progress: TaskProgress }
  /** The TaskResult in its wire form (see shared/wire.ts). */
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: TaskErrorData }

export function describeTaskError(error: unknown): TaskErrorData {
  const cause = error instanceof CompactionModelError ? error.cause : error
  const llm =
    cause instanceof LlmError ? { kind: cause.kind, message: cause.message, status: cause.status } : undefined
  if (error instanceof Error) return { name: error.name, message: error.message, ...(llm ? { llm } : {}) }
  return { name: 'Error', message: String(error) }
}

/** The error again, as the class main's handlers know. */
export function rebuildTaskError(data: TaskErrorData): Error {
  if (data.llm) {
    const llm = new LlmError(data.llm.kind, data.llm.message, data.llm.status)
    return data.name === 'CompactionModelError' ? new CompactionModelError(data.message, { cause: llm }) : llm
  }
  if (data.name === 'CompactionModelError') return new CompactionModelError(data.message)
  if (data.name === 'CompactionInputError') return new CompactionInputError(data.message)
  if (data.name === 'ConfigInputError') return new ConfigInputError(data.message)
  return new Error(data.message)
}
