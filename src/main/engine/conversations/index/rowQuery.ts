import type { RowQuery } from '../../../../shared/model/document'
import type { ConversationIndex } from './conversationIndex'
import { countFlags } from './flags'
import { contentText, isRecord } from './messageFacts'
import type { MessageSource } from '../messageSource'

type Sort = RowQuery['sort']
type Filter = RowQuery['filter']

const isIdentity = (sort: Sort, filter: Filter): boolean =>
  (!sort || (sort.column === 'index' && !sort.descending)) &&
  (!filter || ((!filter.roles || filter.roles.length === 0) && !filter.text && !filter.flaggedOnly))

export const queryKey = (sort: Sort, filter: Filter): string => JSON.stringify([sort ?? null, filter ?? null])

function matchesText(source: MessageSource, index: number, needle: string): boolean {
  const message = source.plain(index)
  if (!isRecord(message)) return JSON.stringify(message).toLowerCase().includes(needle)
  const haystack = [contentText(message.content), typeof message.name === 'string' ? message.name : '']
  if (Array.isArray(message.tool_calls)) haystack.push(JSON.stringify(message.tool_calls))
  return haystack.some((text) => text.toLowerCase().includes(needle))
}

/**
 * The message indices a table shows for a sort and filter, computed in main so the renderer only ever asks for
 * windows of rows. Returns null for the plain order (row position = message index), which needs no array.
 */
export function orderRows(
  index: ConversationIndex,
  source: MessageSource,
  sort: Sort,
  filter: Filter,
): Int32Array | null {
  if (isIdentity(sort, filter)) return null
  const roles = filter?.roles && filter.roles.length > 0 ? new Set(filter.roles) : null
  const needle = filter?.text?.toLowerCase() ?? ''
  const selected: number[] = []
  for (let i = 0; i < index.built; i++) {
    if (roles && !roles.has(index.roleOf(i))) continue
    if (filter?.flaggedOnly && index.flagBits[i] === 0) continue
    if (needle && !matchesText(source, i, needle)) continue
    selected.push(i)
  }
  if (sort && sort.column !== 'index') {
    const key = sortKey(index, sort.column)
    selected.sort((a, b) => {
      const ka = key(a)
      const kb = key(b)
      return ka < kb ? -1 : ka > kb ? 1 : a - b
    })
  }
  if (sort?.descending) selected.reverse()
  return Int32Array.from(selected)
}

function sortKey(
  index: ConversationIndex,
  column: Exclude<NonNullable<Sort>['column'], 'index'>,
): (i: number) => string | number {
  switch (column) {
    case 'role':
      return (i) => index.roleOf(i)
    case 'name':
      return (i) => index.nameOf(i) ?? ''
    case 'tokens':
      return (i) => index.tokens[i]
    case 'flags':
      return (i) => countFlags(index.flagBits[i])
  }
}
