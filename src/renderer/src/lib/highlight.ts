import { buildTextMatcher, type TextMatcher, type TextQuery } from '../../../shared/search/textMatcher'

/** The matcher main's search uses, so the card marks what the search found; null when there is none. */
export function compileHighlight(query: TextQuery | null): TextMatcher | null {
  if (!query || query.text === '') return null
  try {
    return buildTextMatcher(query)
  } catch {
    return null
  }
}

export interface Segment {
  text: string
  match: boolean
}

const MAX_MARKS = 500

/** Splits `text` into plain and matching segments (empty matches are skipped, at most MAX_MARKS marks). */
export function splitMatches(text: string, matcher: TextMatcher | null): Segment[] {
  if (!matcher || text === '') return [{ text, match: false }]
  const segments: Segment[] = []
  let last = 0
  for (const { start, end } of matcher.all(text, MAX_MARKS)) {
    if (start > last) segments.push({ text: text.slice(last, start), match: false })
    segments.push({ text: text.slice(start, end), match: true })
    last = end
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false })
  return segments.length > 0 ? segments : [{ text, match: false }]
}
