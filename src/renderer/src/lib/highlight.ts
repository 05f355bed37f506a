export interface HighlightQuery {
  text: string
  regex?: boolean
  caseSensitive?: boolean
}

/** The same pattern main's search compiles, so the card marks what the search found; null when it cannot. */
export function compileHighlight(query: HighlightQuery | null): RegExp | null {
  if (!query || query.text === '') return null
  const source = query.regex ? query.text : query.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  try {
    return new RegExp(source, query.caseSensitive ? 'g' : 'gi')
  } catch {
    return null
  }
}

export interface Segment {
  text: string
  match: boolean
}

const MAX_MARKS = 500

/** Splits `text` into plain and matching segments (empty matches are skipped so a regex like `a*` cannot loop). */
export function splitMatches(text: string, pattern: RegExp | null): Segment[] {
  if (!pattern || text === '') return [{ text, match: false }]
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`)
  global.lastIndex = 0
  const segments: Segment[] = []
  let last = 0
  let marks = 0
  for (let match = global.exec(text); match && marks < MAX_MARKS; match = global.exec(text)) {
    if (match[0] === '') {
      global.lastIndex++
      continue
    }
    if (match.index > last) segments.push({ text: text.slice(last, match.index), match: false })
    segments.push({ text: match[0], match: true })
    last = match.index + match[0].length
    marks++
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false })
  return segments.length > 0 ? segments : [{ text, match: false }]
}
