import { flagValue, stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
import { CliError, UsageError } from '../cliErrors'
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io'
import { LlmError } from '../../engine/llm/llmError'
import { envSecretStore, resolveLlmSettings, type LlmSettings } from '../../engine/llm/llmSettings'
import { compactionInput } from '../../engine/compaction/compactedFile'
import { createSummarizer } from '../../engine/summaries/createSummarizer'
import { SUMMARIZER_IDS, type SummarizerId, summarizeConversation } from '../../engine/summaries/summarizer'
import { openInputFile } from './openInput'

/** The LLM options summarize and compact share. */
export const LLM_OPTIONS = {
  'llm-base-url': { type: 'string' },
  'llm-model': { type: 'string' },
  'llm-timeout': { type: 'string' },
} as const

/** `--llm-timeout` in seconds (default 120, chatCompletion's). */
function llmTimeoutMs(command: string, args: ParsedArgs): number | undefined {
  const text = stringValue(args, 'llm-timeout')
  if (text === undefined) return undefined
  const seconds = Number(text)
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`${command}: --llm-timeout must be a positive number of seconds, got "${text}"`)
  return seconds * 1000
}

/** The LLM endpoint from the flags or MEMORY_INSPECTOR_LLM_* variables, the key from the environment. */
export async function llmEndpointFromArgs(
  command: string,
  args: ParsedArgs,
): Promise<{ settings: LlmSettings; timeoutMs: number | undefined }> {
  const timeoutMs = llmTimeoutMs(command, args)
  try {
    const settings = await resolveLlmSettings(
      { baseUrl: stringValue(args, 'llm-base-url'), model: stringValue(args, 'llm-model') },
      envSecretStore(),
    )
    return { settings, timeoutMs }
  } catch (error) {
    throw error instanceof LlmError ? new CliError(error.message) : error
  }
}

/** A summarizer for `--summarizer`; for llm, its endpoint from the flags or MEMORY_INSPECTOR_LLM_* variables. */
export async function summarizerFromArgs(command: string, id: SummarizerId, args: ParsedArgs) {
  if (id !== 'llm') return createSummarizer(id)
  return createSummarizer('llm', await llmEndpointFromArgs(command, args))
}

export function summarizerId(command: string, value: string | undefined, allowed: readonly string[]): string {
  const id = value ?? 'extractive'
  if (!allowed.includes(id))
    throw new UsageError(`${command}: --summarizer must be one of ${allowed.join(', ')}, got "${id}"`)
  return id
}

export async function runSummarize(io: CliIo, args: ParsedArgs): Promise<number> {
  const fileArg = args.positionals[0]
  const id = summarizerId('summarize', stringValue(args, 'summarizer'), SUMMARIZER_IDS) as SummarizerId
  const file = await openInputFile(io.cwd, fileArg)
  const summarizer = await summarizerFromArgs('summarize', id, args)
  const { messages } = compactionInput(file)
  // MARSYS files carry no per-message times: the range is the file's save time.
  const saved = file.timestamp === undefined ? undefined : new Date(file.timestamp * 1000)
  let summary
  try {
    summary = await summarizeConversation(summarizer, messages, { startTime: saved, endTime: saved })
  } catch (error) {
    if (error instanceof LlmError) throw new CliError(`${fileArg}: ${error.message}`)
    throw error
  }
  if (summary === null) {
    io.stderr(
      `memory-inspector: ${fileArg}: the ${id} summarizer needs at least 5 messages, with a user and an assistant one (this file has ${messages.length})\n`,
    )
    return EXIT_FAILED
  }
  const dict = summary.toDict()
  if (flagValue(args, 'json')) io.stdout(JSON.stringify(dict, null, 2) + '\n')
  else {
    io.stdout(
      `${fileArg} (${dict.message_count} messages, ${id} summary)\n\n${dict.summary}\n\n` +
        `Key topics: ${dict.key_topics.length > 0 ? dict.key_topics.join(', ') : '(none)'}\n`,
    )
  }
  return EXIT_OK
}

export const summarizeCommand: CliCommand = {
  name: 'summarize',
  usage: 'summarize [--summarizer S] [--json] FILE',
  summary: 'summary of a file: extractive (default), langswarm or llm',
  args: {
    options: { json: { type: 'boolean' }, summarizer: { type: 'string' }, ...LLM_OPTIONS },
    min: 1,
    max: 1,
  },
  run: runSummarize,
}
