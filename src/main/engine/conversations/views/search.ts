import type { SearchHit, SearchQuery } from '../../../../shared/model/document'
import { AppError } from '../../errors'
import type { Conversation } from '../conversation'
import { contentText, isRecord, toolCallsOf } from '../index/messageFacts'

type Field = SearchHit['field']
const ALL_FIELDS: Field[] = ['content', 'role', 'tool', 'name']
const SNIPPET_CONTEXT = 50

export function compileMatcher(query: Pick<SearchQuery, 'text' | 'regex' | 'caseSensitive'>): RegExp {
  const source = query.regex ? query.text : query.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  try {
    return new RegExp(source, query.caseSensitive ? 'g' : 'gi')
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Invalid regular expression: ${(error as Error).message}`)
  }
}

function fieldTexts(message: unknown, role: string, field: Field): string[] {
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
  }
}

function snippetAround(
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

export interface SearchSink {
  hits: SearchHit[]
  total: number
  limit: number
}

/** Adds one hit per matching message and field (the first match in it) to `sink`; counts all of them. */
export function searchDocument(
  documentId: string,
  conversation: Conversation,
  matcher: RegExp,
  fields: Field[] | undefined,
  sink: SearchSink,
): void {
  const wanted = fields && fields.length > 0 ? fields : ALL_FIELDS
  const index = conversation.index
  for (let i = 0; i < index.built; i++) {
    const role = index.roleOf(i)
    const message = wanted.some((field) => field !== 'role') ? conversation.plainAt(i) : null
    for (const field of wanted) {
      for (const text of fieldTexts(message, role, field)) {
        matcher.lastIndex = 0
        const match = matcher.exec(text)
        if (!match) continue
        sink.total++
        if (sink.hits.length < sink.limit) {
          sink.hits.push({
            documentId,
            index: i,
            messageId: conversation.idAt(i),
            field,
            ...snippetAround(text, match.index, match.index + Math.max(match[0].length, 0)),
          })
        }
        break
      }
    }
  }
}
