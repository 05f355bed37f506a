import type { SearchQuery } from '../../../../shared/model/document'
import type { BytesSpan } from '../source'

/**
 * A test on a message's raw JSON bytes that says "cannot match" for most messages of a plain-text search without
 * decoding them. It may say "may match" wrongly (the message is then decoded and searched as always), never the
 * reverse, so search results stay exactly those of searching every decoded message.
 *
 * The needle is the query's longest run of ASCII letters, digits and `_`. Wherever the query occurs in a searched
 * text, the needle occurs there too, and those characters reach the text from the raw bytes unchanged (JSON
 * writes them literally), unless:
 * - the message spells one with a `\u00XX` escape (any escape of an ASCII or control character is taken as one);
 * - a non-string value is re-serialised with `JSON.stringify`, which writes a lone surrogate's uppercase-hex
 *   escape in lowercase (such messages are decoded), numbers in JavaScript's form (`1e2` → `100`, `0.0000001` →
 *   `1e-7`) and `NaN`/`Infinity` as `null` (a needle that could come from those gets no prefilter).
 * Raw control characters cannot occur inside strings (the codec refuses them, as Python does). Case-insensitive
 * plain search (a non-Unicode `i` regular expression) never folds a non-ASCII character to an ASCII one, so the
 * bytes may be compared in Latin-1 with ASCII case classes. A needle found in most messages gives up (they are
 * decoded anyway).
 */
export interface RawPrefilter {
  /** False only when the message whose raw bytes are this span cannot match. */
  mayMatch(span: BytesSpan): boolean
}

const NEEDLE_RUN = /[A-Za-z0-9_]+/g
/** Shorter needles occur in nearly every message: looking for them first would only add work. */
const MIN_NEEDLE = 3
/** `\u00XX` (ASCII and control characters), and surrogate escapes with an uppercase hex digit. */
const UNSAFE_ESCAPE = /\\u(?:00[0-7]|D[89A-Fa-f]|d[A-F]|d[89a-f][A-F]|d[89a-f][0-9a-f][A-F])/g
/** Needles that could lie inside a re-serialised number (`1e-7`) or constant (`null`, `NaN`, `Infinity`). */
const NUMBER_LIKE = /^(?:[0-9e]+|[nulaifty]+)$/i

/**
 * Hits are marked per block of bytes: a message "may match" when a block it overlaps holds one (a neighbour's hit
 * in a shared block only costs a decode). Each buffer is read in windows, not once per message.
 */
const BLOCK_SHIFT = 6
/** Small enough for the window's string to live and die in V8's young generation (large strings are kept longer). */
const WINDOW = 60 * 1024
/** Longer than any hit of the patterns (needles are cut to this). */
const OVERLAP = 64
/**
 * A needle in more of a full first window's blocks than this is too common to spare decodes: every message may
 * match. Smaller buffers are always marked whole (quick to read).
 */
const COMMON_SHARE = 0.01

/**
 * The needle as a pattern. Case-insensitively, letters become `[xX]` classes: as the search's non-Unicode `i` flag,
 * they match only the two ASCII cases, and V8 scans such classes several times faster than an `i` literal.
 */
function needlePattern(needle: string, caseSensitive: boolean): RegExp {
  if (caseSensitive) return new RegExp(needle, 'g')
  const classes = [...needle].map((c) =>
    c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`,
  )
  return new RegExp(classes.join(''), 'g')
}

/** The prefilter for a query, or null when it has none (a regular expression, no run of 3 letters or digits). */
export function rawPrefilterFor(
  query: Pick<SearchQuery, 'text' | 'regex' | 'caseSensitive'>,
): RawPrefilter | null {
  if (query.regex) return null
  const needle = (query.text.match(NEEDLE_RUN) ?? [])
    .reduce((a, b) => (b.length > a.length ? b : a), '')
    .slice(0, OVERLAP)
  if (needle.length < MIN_NEEDLE || NUMBER_LIKE.test(needle)) return null
  const pattern = needlePattern(needle, query.caseSensitive === true)
  const needleBlocksOf = new WeakMap<Buffer, Uint8Array | 'common'>()
  return {
    mayMatch({ bytes, start, end }) {
      let needleBlocks = needleBlocksOf.get(bytes)
      if (!needleBlocks) {
        needleBlocks = markHits(bytes, pattern, COMMON_SHARE) ?? 'common'
        needleBlocksOf.set(bytes, needleBlocks)
      }
      if (needleBlocks === 'common') return true
      const first = start >> BLOCK_SHIFT
      const last = (end - 1) >> BLOCK_SHIFT
      for (let block = first; block <= last; block++) if (needleBlocks[block]) return true
      return hasBlockIn(unsafeEscapeBlocks(bytes), first, last)
    },
  }
}

/** Where a buffer has unsafe escapes does not depend on the query: found once per buffer, usually none. */
const escapeBlocksOf = new WeakMap<Buffer, number[]>()

function unsafeEscapeBlocks(bytes: Buffer): number[] {
  let blocks = escapeBlocksOf.get(bytes)
  if (!blocks) {
    const marks = markHits(bytes, new RegExp(UNSAFE_ESCAPE), Infinity)!
    blocks = []
    for (let block = 0; block < marks.length; block++) if (marks[block]) blocks.push(block)
    escapeBlocksOf.set(bytes, blocks)
  }
  return blocks
}

/** Whether the sorted `blocks` hold one in [first, last]. */
function hasBlockIn(blocks: readonly number[], first: number, last: number): boolean {
  let low = 0
  let high = blocks.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (blocks[middle] < first) low = middle + 1
    else high = middle
  }
  return low < blocks.length && blocks[low] <= last
}

/**
 * One byte per block of `bytes`: 1 where a match of `pattern` starts. Read as Latin-1 (one character per byte).
 * Null when more than `commonShare` of the first window's blocks hold one.
 */
function markHits(bytes: Buffer, pattern: RegExp, commonShare: number): Uint8Array | null {
  const blocks = new Uint8Array((bytes.length >> BLOCK_SHIFT) + 1)
  for (let from = 0; from < bytes.length; from += WINDOW) {
    const text = bytes.toString('latin1', from, Math.min(bytes.length, from + WINDOW + OVERLAP))
    const end = Math.min(WINDOW, text.length)
    let marked = 0
    pattern.lastIndex = 0
    for (let match = pattern.exec(text); match && match.index < end; match = pattern.exec(text)) {
      const block = (from + match.index) >> BLOCK_SHIFT
      blocks[block] = 1
      marked++
      // The block is marked: further hits in it change nothing.
      pattern.lastIndex = Math.max(pattern.lastIndex, ((block + 1) << BLOCK_SHIFT) - from)
    }
    if (from === 0 && end === WINDOW && marked > commonShare * (end >> BLOCK_SHIFT)) return null
  }
  return blocks
}
