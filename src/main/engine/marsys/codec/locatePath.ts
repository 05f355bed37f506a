import { parsePyJson, type PathSegment } from '../../../../shared/pyjson'
import { newByteStats, skipKeyAndColon, skipString, skipValue, skipWhitespace } from './byteSyntax'

export { formatJsonPath, type PathSegment } from '../../../../shared/pyjson'

/**
 * Byte offset of the value at `segments` below the (already validated) value starting at `start`, or of the
 * deepest value that exists on the way. Objects follow Python and use the last duplicate key.
 */
export function locatePath(b: Buffer, start: number, segments: readonly PathSegment[]): number {
  const stats = newByteStats()
  let p = skipWhitespace(b, start)
  for (const segment of segments) {
    const found =
      typeof segment === 'number' ? elementAt(b, p, segment, stats) : memberValue(b, p, segment, stats)
    if (found < 0) return p
    p = found
  }
  return p
}

function elementAt(b: Buffer, p: number, index: number, stats: ReturnType<typeof newByteStats>): number {
  if (b[p] !== 0x5b) return -1
  p = skipWhitespace(b, p + 1)
  if (b[p] === 0x5d) return -1
  for (let i = 0; ; i++) {
    if (i === index) return p
    p = skipWhitespace(b, skipValue(b, p, stats))
    if (b[p] !== 0x2c) return -1
    p = skipWhitespace(b, p + 1)
  }
}

function memberValue(b: Buffer, p: number, key: string, stats: ReturnType<typeof newByteStats>): number {
  if (b[p] !== 0x7b) return -1
  p = skipWhitespace(b, p + 1)
  if (b[p] === 0x7d) return -1
  let found = -1
  for (;;) {
    const keyEnd = skipString(b, p, stats)
    const name = parsePyJson(b.toString('utf8', p, keyEnd))
    const valueStart = skipWhitespace(b, skipKeyAndColon(b, p, stats))
    if (name === key) found = valueStart
    p = skipWhitespace(b, skipValue(b, valueStart, stats))
    if (b[p] !== 0x2c) return found
    p = skipWhitespace(b, p + 1)
  }
}
