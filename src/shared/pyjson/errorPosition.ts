import { JsonSyntaxError } from './jsonSyntaxError'

/** How the character at `offset` of `text` is shown in an error message. */
export function describeFoundAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input'
  const c = text.charCodeAt(offset)
  if (isWordChar(c)) {
    let end = offset + 1
    while (end < text.length && end - offset < 20 && isWordChar(text.charCodeAt(end))) end++
    return `'${text.slice(offset, end)}'`
  }
  if (c >= 0x20 && c < 0x7f) return `'${text[offset]}'`
  const cp = text.codePointAt(offset)!
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
}

const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f

/** Line and column (1-based, column in code points) of `offset` in `text`. */
export function lineColumnAt(
  text: string,
  offset: number,
): { line: number; column: number; lineStart: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  let column = 1
  for (let i = lineStart; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i)
    // The low half of a surrogate pair is not a character of its own.
    if (c >= 0xdc00 && c <= 0xdfff && i > lineStart && isHighSurrogate(text.charCodeAt(i - 1))) continue
    column++
  }
  return { line, column, lineStart }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff

const CONTEXT_CHARS = 120

/** The line holding the problem (clipped around it) with a caret under the column. */
export function contextAt(text: string, offset: number, lineStart: number): string {
  let lineEnd = text.indexOf('\n', lineStart)
  if (lineEnd === -1) lineEnd = text.length
  const from = Math.max(lineStart, offset - CONTEXT_CHARS / 2)
  const to = Math.min(lineEnd, from + CONTEXT_CHARS)
  const shown = text.slice(from, to).replace(/[\r\t]/g, ' ')
  const prefix = from > lineStart ? '…' : ''
  const caretAt = prefix.length + Math.min(offset, to) - from
  return `${prefix}${shown}${to < lineEnd ? '…' : ''}\n${' '.repeat(caretAt)}^`
}

export function syntaxErrorAt(text: string, offset: number, expected: string): JsonSyntaxError {
  const { line, column, lineStart } = lineColumnAt(text, offset)
  return new JsonSyntaxError({
    line,
    column,
    offset,
    expected,
    found: describeFoundAt(text, offset),
    context: contextAt(text, offset, lineStart),
  })
}
