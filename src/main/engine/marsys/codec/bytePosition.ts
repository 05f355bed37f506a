import { JsonSyntaxError, describeFoundAt } from '../../../../shared/pyjson'

export interface LineColumn {
  /** 1-based. */
  line: number
  /** 1-based, in characters (code points), as Python counts them. */
  column: number
}

const NEWLINE = 0x0a

/**
 * Line/column lookups for byte offsets of one buffer. Counting resumes from the previous answer, so a series of
 * increasing offsets (diagnostics in file order) costs one pass over the file.
 */
export class ByteLineCounter {
  private offset = 0
  private line = 1
  private lineStart = 0
  /** Characters counted on the current line up to `offset`, so a long (minified) line is counted once. */
  private column = 1

  /** `textStart` skips a BOM, which is not a character of the first line. */
  constructor(
    private readonly b: Uint8Array,
    private readonly textStart = 0,
  ) {
    this.reset()
  }

  at(offset: number): LineColumn & { lineStart: number } {
    if (offset < this.offset) this.reset()
    const b = this.b
    for (let i = b.indexOf(NEWLINE, this.offset); i !== -1 && i < offset; i = b.indexOf(NEWLINE, i + 1)) {
      this.line++
      this.lineStart = i + 1
      this.column = 1
      this.offset = i + 1
    }
    this.column += countChars(b, this.offset, offset)
    this.offset = offset
    return { line: this.line, column: this.column, lineStart: this.lineStart }
  }

  private reset(): void {
    this.offset = this.textStart
    this.line = 1
    this.lineStart = this.textStart
    this.column = 1
  }
}

/** Code points in b[from, to): every byte that is not a UTF-8 continuation byte starts one. */
function countChars(b: Uint8Array, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to && i < b.length; i++) if ((b[i] & 0xc0) !== 0x80) n++
  return n
}

const CONTEXT_BYTES = 60

/** The line around `offset` (clipped to about 120 bytes) with a caret under the offending character. */
export function byteContext(buf: Buffer, offset: number, lineStart: number): string {
  let lineEnd = buf.indexOf(NEWLINE, lineStart)
  if (lineEnd === -1) lineEnd = buf.length
  let from = Math.max(lineStart, offset - CONTEXT_BYTES)
  let to = Math.min(lineEnd, Math.max(offset, from) + CONTEXT_BYTES)
  while (from > lineStart && (buf[from] & 0xc0) === 0x80) from--
  while (to < lineEnd && (buf[to] & 0xc0) === 0x80) to++
  const caretAt = buf.toString('utf8', from, Math.min(offset, to)).length
  const prefix = from > lineStart ? '…' : ''
  const shown = buf.toString('utf8', from, to).replace(/[\r\t]/g, ' ')
  return `${prefix}${shown}${to < lineEnd ? '…' : ''}\n${' '.repeat(prefix.length + caretAt)}^`
}

export function byteSyntaxError(
  buf: Buffer,
  offset: number,
  expected: string,
  textStart: number,
): JsonSyntaxError {
  const { line, column, lineStart } = new ByteLineCounter(buf, textStart).at(offset)
  return new JsonSyntaxError({
    line,
    column,
    offset,
    expected,
    found: describeFoundAt(buf.toString('utf8', offset, Math.min(buf.length, offset + 24)), 0),
    context: byteContext(buf, offset, lineStart),
  })
}
