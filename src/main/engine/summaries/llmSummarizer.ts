/**
 * Summaries from any OpenAI-compatible endpoint. For a summary the model reads a transcript and answers
 * `{"summary", "key_topics"}`; as MARSYS's compaction model it gets MARSYS's own request, unchanged.
 */
import { parseCompactionReply } from '../compaction/compactionPayload'
import type { CompactionModel, WireMessage } from '../compaction/types'
import { type ChatOptions, chatCompletion } from '../llm/chatCompletion'
import { LlmError } from '../llm/llmError'
import type { LlmSettings } from '../llm/llmSettings'
import { clip, textOf } from './messageText'
import type { ConversationSummarizer, SummarizeOptions } from './summarizer'

export const SUMMARY_SYSTEM_PROMPT = [
  "You summarize an AI agent's conversation for the developer debugging it.",
  'Reply with one JSON object and nothing else: {"summary": string, "key_topics": [string]}.',
  'The summary, in plain sentences: what was asked, what the agent did (tools called and what they returned, ' +
    'hand-offs to other agents), what was decided or concluded, open questions, and errors.',
  'key_topics: three to six short noun phrases naming what the conversation is about; no punctuation, ' +
    'no role names such as user or assistant.',
].join('\n')

/** The transcript is bounded: its start and end are kept when a conversation is longer. */
const MAX_TRANSCRIPT = 60_000
const MAX_MESSAGE = 2_000
const SUMMARY_MAX_TOKENS = 1_000

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function transcriptLine(message: WireMessage, index: number): string {
  const role = typeof message.role === 'string' ? message.role : '?'
  const name = typeof message.name === 'string' && message.name ? ` (${message.name})` : ''
  const parts = [clip(textOf(message.content), MAX_MESSAGE)]
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls.filter(isRecord)) {
      const fn = isRecord(call.function) ? call.function : {}
      parts.push(`→ calls ${String(fn.name)}(${clip(String(fn.arguments ?? ''), 300)})`)
    }
  }
  return `[${index}] ${role}${name}: ${parts.filter((p) => p).join(' ')}`
}

export function transcript(messages: readonly WireMessage[]): string {
  const text = messages.map(transcriptLine).join('\n')
  if (text.length <= MAX_TRANSCRIPT) return text
  return `${text.slice(0, MAX_TRANSCRIPT / 2)}\n[… middle of the conversation left out …]\n${text.slice(-MAX_TRANSCRIPT / 2)}`
}

const bareTopic = (topic: string): string => topic.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').trim()

/** The reply's summary and topics, or a `malformed` LlmError saying what is wrong. */
export function readSummaryReply(text: string): { summary: string; key_topics: string[] } {
  const reply = parseCompactionReply(text)
  if (!isRecord(reply)) throw new LlmError('malformed', 'the LLM did not answer with a JSON object')
  if (typeof reply.summary !== 'string' || !reply.summary.trim())
    throw new LlmError('malformed', 'the LLM reply has no "summary" text')
  const topics = Array.isArray(reply.key_topics) ? reply.key_topics : []
  return {
    summary: reply.summary.trim(),
    key_topics: [...new Set(topics.filter((t): t is string => typeof t === 'string').map(bareTopic))].filter(
      (t) => t !== '',
    ),
  }
}

const chatOptions = (options: SummarizeOptions, timeoutMs?: number): ChatOptions => ({
  signal: options.signal,
  onProgress: options.onProgress,
  ...(timeoutMs === undefined ? {} : { timeoutMs }),
})

export function createLlmSummarizer(settings: LlmSettings, timeoutMs?: number): ConversationSummarizer {
  return {
    id: 'llm',
    summarize: async (messages, options = {}) => {
      const reply = await chatCompletion(
        settings,
        {
          messages: [
            { role: 'system', content: SUMMARY_SYSTEM_PROMPT },
            { role: 'user', content: transcript(messages) },
          ],
          maxTokens: SUMMARY_MAX_TOKENS,
          temperature: 0.1,
          jsonMode: true,
        },
        chatOptions(options, timeoutMs),
      )
      return readSummaryReply(reply)
    },
    compactionModel: (options = {}): CompactionModel => ({
      name: settings.model,
      complete: (request, signal) =>
        chatCompletion(
          settings,
          {
            messages: request.payload as { role: string; content: unknown }[],
            maxTokens: request.maxTokens,
            temperature: request.temperature,
            jsonMode: request.jsonMode,
          },
          chatOptions({ ...options, signal: signal ?? options.signal }, timeoutMs),
        ),
    }),
  }
}
