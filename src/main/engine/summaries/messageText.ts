/** Plain text out of message content for summaries: text parts only (images are not text), whitespace collapsed. */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === 'string' ? part : isRecord(part) && typeof part.text === 'string' ? part.text : '',
      )
      .filter((text) => text !== '')
      .join('\n')
  }
  if (content === null || content === undefined) return ''
  return JSON.stringify(content)
}

/** One line, at most `max` characters (an ellipsis marks the cut, at a word boundary when one is near). */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line.length <= max) return line
  const cut = line.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`
}

/** The sentences of a text (split after . ! ? followed by a space or the end). */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}
