/**
 * A summary or a compaction simulation as one self-contained task (plain data in, plain data out), so it can run
 * in a worker thread (summaryWorker.ts) and the main thread stays free; without a built worker it runs in place.
 */
import type { CompactionSettings } from '../../../shared/domains/summaries/contract'
import { managedConfigFrom } from '../compaction/configInput'
import { type CompactionSimulation, simulateCompaction } from '../compaction/simulate'
import type { WireMessage } from '../compaction/types'
import type { ChatProgress } from '../llm/chatCompletion'
import type { LlmSettings } from '../llm/llmSettings'
import type { SummaryDraft } from '../langswarm/langswarmTemplateSummary'
import { createSummarizer } from './createSummarizer'
import type { SummarizerId } from './summarizer'

export interface TaskLlm {
  settings: LlmSettings
  timeoutMs: number
}

export type SummaryTask =
  | { kind: 'summarize'; summarizer: SummarizerId; messages: WireMessage[]; llm?: TaskLlm }
  | {
      kind: 'simulate'
      /** MARSYS's config input (snake_case), checked again here. */
      config: unknown
      summarizer: SummarizerId | 'none'
      messages: WireMessage[]
      force: boolean
      /** MARSYS's agent instruction, sent with the summarization request. */
      agentInstruction?: string | null
      /** MARSYS's runtime provider: the byte budget for retained images. */
      provider?: string | null
      llm?: TaskLlm
    }

export type TaskProgress = ChatProgress | { phase: 'stage'; stage: string }

export type TaskResult =
  { kind: 'summarize'; draft: SummaryDraft | null } | { kind: 'simulate'; simulation: CompactionSimulation }

export type { CompactionSettings }

/** The summarizer a task names (`llm` with the task's endpoint). */
function summarizerOf(id: SummarizerId, llm: TaskLlm | undefined) {
  return id === 'llm' ? createSummarizer('llm', llm) : createSummarizer(id)
}

export async function runSummaryTask(
  task: SummaryTask,
  onProgress: (progress: TaskProgress) => void,
  signal?: AbortSignal,
): Promise<TaskResult> {
  if (task.kind === 'summarize') {
    const draft = await summarizerOf(task.summarizer, task.llm).summarize(task.messages, {
      signal,
      onProgress,
    })
    return { kind: 'summarize', draft }
  }
  const model =
    task.summarizer === 'none'
      ? null
      : summarizerOf(task.summarizer, task.llm).compactionModel!({ signal, onProgress })
  const simulation = await simulateCompaction(task.messages, managedConfigFrom(task.config), {
    model,
    agentInstruction: task.agentInstruction ?? null,
    provider: task.provider ?? null,
    force: task.force,
    signal,
    onStage: (stage) => onProgress({ phase: 'stage', stage }),
  })
  return { kind: 'simulate', simulation }
}
