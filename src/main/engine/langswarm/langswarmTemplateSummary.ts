import { MessageRole } from '../../../shared/model/langswarm/enums'
import type { Message } from '../../../shared/model/langswarm/message'
import { splitPythonWords } from '../../../shared/model/langswarm/tokenEstimator'

/** What a summarizer decides; the session adds the counts, time range, id and creation time. */
export interface SummaryDraft {
  summary: string
  key_topics: string[]
}

/** Returns null when the conversation cannot (yet) be summarised. May be async, e.g. an LLM call. */
export type Summarizer = (messages: readonly Message[]) => SummaryDraft | null | Promise<SummaryDraft | null>

const MIN_MESSAGES = 5
const TOPIC_COUNT = 5
const MIN_TOPIC_LENGTH = 5

/**
 * The Python's extractive summary (spec §5.5): needs ≥ 5 messages including a user and an assistant one; the text
 * counts both; topics are the five most frequent lowercase words longer than four code points, punctuation kept,
 * ties in first-seen order.
 */
export const extractiveSummarizer: Summarizer = (messages) => {
  if (messages.length < MIN_MESSAGES) return null
  const users = messages.filter((message) => message.role === MessageRole.USER).length
  const assistants = messages.filter((message) => message.role === MessageRole.ASSISTANT).length
  if (users === 0 || assistants === 0) return null
  return {
    summary: `Conversation with ${users} user messages and ${assistants} assistant responses.`,
    key_topics: keyTopics(messages),
  }
}

function keyTopics(messages: readonly Message[]): string[] {
  const words = splitPythonWords(
    messages
      .map((message) => message.content)
      .join(' ')
      .toLowerCase(),
  )
  // A Map keeps first-insertion order and Array.prototype.sort is stable, which reproduces Python's tie order.
  const frequency = new Map<string, number>()
  for (const word of words) {
    if ([...word].length >= MIN_TOPIC_LENGTH) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  }
  return [...frequency.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOPIC_COUNT)
    .map(([word]) => word)
}
