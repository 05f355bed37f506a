import type { SearchHit, SearchQuery, SearchResult } from '../../../../shared/model/document'
import { buildTextMatcher, PatternSyntaxError, type TextMatcher } from '../../../../shared/search/textMatcher'
import { AppError } from '../../appError'
import { yieldToEventLoop } from '../../eventLoop'
import type { Conversation } from '../conversation'
import { contentText, isRecord, toolCallsOf } from '../index/messageFacts'
import { rawPrefilterFor, type RawPrefilter } from './rawPrefilter'

type Field = SearchHit['field']
export const ALL_FIELDS: Field[] = ['content', 'role', 'tool', 'name', 'arguments']
const SNIPPET_CONTEXT = 50

export interface SearchBudget {
  /** After this long the search stops and says its results are partial. */
  totalMs: number
  /** Main works this long at a stretch before it lets other calls run. */
  sliceMs: number
}

export const DEFAULT_SEARCH_BUDGET: SearchBudget = { totalMs: 10_000, sliceMs: 50 }

export function compileMatcher(query: Pick<SearchQuery, 'text' | 'regex' | 'caseSensitive'>): TextMatcher {
  try {
    return buildTextMatcher(query)
  } catch (error) {
    if (error instanceof PatternSyntaxError) throw new AppError('INVALID_INPUT', error.message)
    throw error
  }
}

/** The texts of one message a search field looks at (a store message as `toConversationDict` shows it). */
export function fieldTexts(message: unknown, role: string, field: Field): string[] {
  if (field === 'role') return [role]
  if (!isRecord(message)) return field === 'content' ? [JSON.stringify(message) ?? ''] : []
  switch (field) {
    case 'content':
      return [contentText(message.content)]
    case 'name':
      return typeof message.name === 'string' ? [message.name] : []
    case 'tool': {
      const names = toolCallsOf(message).map((call) => call.name)
      if (role === 'tool' && typeof message.name === 'string') names.push(message.name)
      return names
    }
    case 'arguments': {
      const texts = toolCallsOf(message).flatMap((call) => [call.arguments, call.id])
      if (typeof message.tool_call_id === 'string') texts.push(message.tool_call_id)
      return texts
    }
  }
}

export function snippetAround(
  text: string,
  start: number,
  end: number,
): Pick<SearchHit, 'snippet' | 'matchStart' | 'matchEnd'> {
  const from = Math.max(0, start - SNIPPET_CONTEXT)
  const to = Math.min(text.length, end + SNIPPET_CONTEXT)
  const prefix = from > 0 ? '…' : ''
  const snippet = `${prefix}${text.slice(from, to)}${to < text.length ? '…' : ''}`.replace(/[\r\n\t]/g, ' ')
  return { snippet, matchStart: prefix.length + start - from, matchEnd: prefix.length + end - from }
}

interface SearchSink {
  hits: SearchHit[]
  total: number
  limit: number
}

/** Adds one hit for message `i` per matching field (the first match in it) to `sink`; counts all of them. */
function searchMessage(
  documentId: string,
  conversation: Conversation,
  i: number,
  matcher: TextMatcher,
  prefilter: RawPrefilter | null,
  fields: Field[],
  sink: SearchSink,
): void {
  const role = conversation.index.roleOf(i)
  const raw = prefilter ? conversation.originalBytesAt(i) : undefined
  // Only the role comes from the index: the other fields need the message, unless its raw bytes rule a match out.
  const decode = fields.some((field) => field !== 'role') && (!prefilter || !raw || prefilter.mayMatch(raw))
  const message = decode ? conversation.plainAt(i) : null
  for (const field of fields) {
    if (field !== 'role' && !decode) continue
    for (const text of fieldTexts(message, role, field)) {
      const match = matcher.first(text)
      if (!match) continue
      sink.total++
      if (sink.hits.length < sink.limit) {
        sink.hits.push({
          documentId,
          index: i,
          messageId: conversation.idAt(i),
          field,
          ...snippetAround(text, match.start, match.end),
        })
      }
      break
    }
  }
}

/**
 * Searches conversations message by message. Main works in slices and lets other calls run between them; when the
 * budget runs out the search stops and its result says so (`stopped`), with what it found until then.
 */
export async function searchConversations(
  targets: { id: string; conversation: Conversation }[],
  query: Pick<SearchQuery, 'text' | 'regex' | 'caseSensitive' | 'fields' | 'limit'>,
  budget: SearchBudget = DEFAULT_SEARCH_BUDGET,
): Promise<SearchResult> {
  const matcher = compileMatcher(query)
  const prefilter = rawPrefilterFor(query)
  const fields = query.fields && query.fields.length > 0 ? query.fields : ALL_FIELDS
  const sink: SearchSink = { hits: [], total: 0, limit: query.limit ?? 500 }
  const of = targets.reduce((sum, target) => sum + target.conversation.index.built, 0)
  const started = performance.now()
  let sliceStarted = started
  let searched = 0
  for (const { id, conversation } of targets) {
    for (let i = 0; i < conversation.index.built; i++) {
      const now = performance.now()
      if (now - started >= budget.totalMs) {
        return { ...resultOf(sink), stopped: { afterMs: Math.round(now - started), searched, of } }
      }
      if (now - sliceStarted >= budget.sliceMs) {
        await yieldToEventLoop()
        sliceStarted = performance.now()
        // A conversation closed or shortened meanwhile: search what is still there.
        if (i >= conversation.index.built) break
      }
      searchMessage(id, conversation, i, matcher, prefilter, fields, sink)
      searched++
    }
  }
  return resultOf(sink)
}

const resultOf = (sink: SearchSink): SearchResult => ({
  total: sink.total,
  hits: sink.hits,
  truncated: sink.total > sink.hits.length,
})
