/**
 * The default summarizer: offline and deterministic, written for a person — what was asked, what the agent did
 * (tools and what they returned, hand-offs), what it concluded and decided, what is open, what went wrong.
 */
import type { CompactionModel, WireMessage } from '../compaction/types'
import { DESCRIPTION_SUBJECT, parseFactRendering } from '../marsys/memory/kgFacts'
import { type ConversationDigest, digestConversation } from './conversationDigest'
import { keyTopics } from './keyTopics'
import { clip, textOf } from './messageText'
import type { ConversationSummarizer } from './summarizer'

const REQUEST = 240
const FOLLOW_UPS = 3
const RESULTS_PER_TOOL = 1
const RESULT = 100

const quote = (text: string, max: number): string => `"${clip(text, max)}"`
const times = (n: number): string => (n === 1 ? 'once' : `${n}×`)

/** The first request in full (up to a point), then the latest few follow-ups. */
function requests(d: ConversationDigest): string | null {
  if (d.requests.length === 0) return null
  let line = quote(d.requests[0], REQUEST)
  const rest = d.requests.slice(1)
  if (rest.length > 0) {
    const shown = rest.slice(-FOLLOW_UPS).map((r) => quote(r, 100))
    const more = rest.length > shown.length ? `${rest.length - shown.length} more, then ` : ''
    line += `; then ${rest.length} follow-up${rest.length === 1 ? '' : 's'}: ${more}${shown.join('; ')}`
  }
  return line
}

function asked(d: ConversationDigest): string | null {
  const text = requests(d)
  return text === null ? null : `Asked: ${text}`
}

function did(d: ConversationDigest): string | null {
  const parts: string[] = []
  const called = d.tools.filter((t) => t.calls > 0)
  if (called.length > 0) parts.push(`called ${called.map((t) => `${t.name} ${times(t.calls)}`).join(', ')}`)
  const returned = d.tools
    .filter((t) => t.results.length > 0)
    .map(
      (t) =>
        `${t.name} returned ${t.results
          .slice(0, RESULTS_PER_TOOL)
          .map((r) => quote(r, RESULT))
          .join(', ')}`,
    )
  if (returned.length > 0) parts.push(returned.join('; '))
  if (d.handoffs.length > 0) {
    parts.push(
      `handed off to ${d.handoffs.map((h) => (h.request ? `${h.agent} (${quote(h.request, RESULT)})` : h.agent)).join(', ')}`,
    )
  }
  return parts.length > 0 ? `Did: ${parts.join('. ')}` : null
}

function counts(d: ConversationDigest, total: number): string {
  if (total === 0) return '(no messages)'
  const roles = Object.entries(d.byRole)
    .map(([role, n]) => `${n} ${role}`)
    .join(', ')
  return `(${total} messages: ${roles}${d.images > 0 ? `; ${d.images} image${d.images === 1 ? '' : 's'}` : ''})`
}

const MAX_FACTS = 8

/** A kg memory's "messages" are renderings of facts (`Fact (user): Paris is the capital of France.`). */
function factsOf(messages: readonly WireMessage[]): string[] | null {
  if (messages.length === 0) return null
  const facts: string[] = []
  for (const message of messages) {
    const fact = typeof message.content === 'string' ? parseFactRendering(message.content) : null
    if (fact === null) return null
    if (fact.subject !== DESCRIPTION_SUBJECT) facts.push(fact.text)
  }
  return facts
}

function factsSummary(facts: string[], total: number): string {
  const shown = facts.slice(0, MAX_FACTS).join('; ')
  const more = facts.length > MAX_FACTS ? ` (and ${facts.length - MAX_FACTS} more)` : ''
  return `Facts: ${shown || '(none besides the description)'}${more}\n(${total} facts in a kg memory)`
}

/** The summary text, one line per section, sections only when there is something to say. */
export function extractiveSummaryText(messages: readonly WireMessage[]): string {
  const facts = factsOf(messages)
  if (facts !== null) return factsSummary(facts, messages.length)
  const d = digestConversation(messages)
  const lines = [
    d.compactedContext ? `Earlier (compacted by MARSYS): ${quote(d.compactedContext, 300)}` : null,
    asked(d),
    did(d),
    d.outcome ? `Concluded: ${quote(d.outcome, 300)}` : null,
    d.facts.length > 0 ? `Key facts: ${d.facts.join('; ')}` : null,
    d.decisions.length > 0 ? `Decided: ${d.decisions.join(' ')}` : null,
    d.openQuestions.length > 0 ? `Open: ${d.openQuestions.join('; ')}` : null,
    d.errors.length > 0 ? `Errors: ${d.errors.join('; ')}` : null,
    counts(d, messages.length),
  ]
  return lines.filter((line): line is string => line !== null).join('\n')
}

/** Topics come from what people and agents wrote (user and assistant text, hand-off requests), not tool output. */
function topicTexts(messages: readonly WireMessage[]): string[] {
  const facts = factsOf(messages)
  if (facts !== null) return facts
  const d = digestConversation(messages)
  const assistantTexts = messages.filter((m) => m.role === 'assistant').map((m) => textOf(m.content))
  return [...d.requests, ...assistantTexts, ...d.handoffs.map((h) => h.request)]
}

/** MARSYS's compaction reply, filled from the digest instead of a model. */
function compactionReply(prefix: readonly WireMessage[]): string {
  const d = digestConversation(prefix)
  const facts = [
    ...d.facts,
    ...d.decisions,
    ...d.tools.flatMap((t) =>
      t.results.slice(-RESULTS_PER_TOOL).map((r) => `${t.name} returned ${quote(r, RESULT)}`),
    ),
    ...d.handoffs.map((h) => `handed off to ${h.agent}${h.request ? `: ${quote(h.request, RESULT)}` : ''}`),
  ]
  const narrative = [did(d), d.outcome ? `Concluded: ${quote(d.outcome, 300)}` : null]
    .filter((s): s is string => s !== null)
    .join('\n')
  return JSON.stringify({
    user_request_summary: requests(d) ?? '',
    summary: narrative || counts(d, prefix.length),
    salient_facts: facts,
    open_threads: [...d.openQuestions, ...d.errors.map((e) => `error: ${e}`)],
    keep_images: [],
  })
}

export const extractiveCompactionModel: CompactionModel = {
  name: 'extractive',
  complete: async (request) => compactionReply(request.prefix),
}

export const extractiveSummarizer: ConversationSummarizer = {
  id: 'extractive',
  summarize: async (messages) => ({
    summary: extractiveSummaryText(messages),
    key_topics: keyTopics(topicTexts(messages)),
  }),
  compactionModel: () => extractiveCompactionModel,
}
