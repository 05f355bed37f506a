import { diffLines, diffWordsWithSpace } from 'diff'
import type { DiffLine, DiffLinePair } from '../../../shared/domains/compare/model'

/** Characters of a message's JSON that are diffed; the rest is left out (and the row says it was cut). */
export const MAX_DIFF_TEXT = 64 * 1024
/** Line pairs sent per message. */
export const MAX_LINE_PAIRS = 150
/** Characters of one line sent. */
export const MAX_LINE_CHARS = 1_000
/** Unchanged lines kept around a change; longer unchanged runs become one `gap`. */
const CONTEXT_LINES = 3
/** Lines longer than this are marked as changed whole rather than word by word. */
const MAX_WORD_DIFF_CHARS = 4_000
/** Milliseconds a line diff of one message may take before its sides are shown as replaced whole. */
const LINE_DIFF_TIMEOUT_MS = 250

export interface MessageDiff {
  lines: DiffLinePair[]
  truncated: boolean
}

interface Text {
  text: string
  truncated: boolean
}

/** A message's JSON, two-space indented (the same for files and sessions), cut at MAX_DIFF_TEXT. */
function jsonOf(plain: unknown): Text {
  const text = JSON.stringify(plain, null, 2) ?? String(plain)
  return text.length > MAX_DIFF_TEXT
    ? { text: text.slice(0, MAX_DIFF_TEXT), truncated: true }
    : { text, truncated: false }
}

const splitLines = (value: string): string[] => {
  const lines = value.split('\n')
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

const line = (kind: DiffLine['kind'], text: string, marks?: [number, number][]): DiffLine => {
  const cut = text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS - 1)}…` : text
  const kept = marks
    ?.filter(([from]) => from < cut.length)
    .map(([from, to]): [number, number] => [from, Math.min(to, cut.length)])
  return kept && kept.length > 0 ? { kind, text: cut, marks: kept } : { kind, text: cut }
}

/** The words that differ between two paired lines, as character ranges of each. */
function wordMarks(left: string, right: string): { left: [number, number][]; right: [number, number][] } {
  if (left.length > MAX_WORD_DIFF_CHARS || right.length > MAX_WORD_DIFF_CHARS)
    return { left: [[0, left.length]], right: [[0, right.length]] }
  const marks = { left: [] as [number, number][], right: [] as [number, number][] }
  let at = { left: 0, right: 0 }
  for (const part of diffWordsWithSpace(left, right)) {
    const size = part.value.length
    if (part.removed) marks.left.push([at.left, at.left + size])
    if (part.added) marks.right.push([at.right, at.right + size])
    at = {
      left: at.left + (part.added ? 0 : size),
      right: at.right + (part.removed ? 0 : size),
    }
  }
  return marks
}

/** Removed lines next to added ones, side by side, with the changed words marked in each pair. */
function pairBlock(removed: string[], added: string[], out: DiffLinePair[]): void {
  for (let k = 0; k < Math.max(removed.length, added.length); k++) {
    const left = removed[k]
    const right = added[k]
    if (left !== undefined && right !== undefined) {
      const marks = wordMarks(left, right)
      out.push({ left: line('removed', left, marks.left), right: line('added', right, marks.right) })
    } else if (left !== undefined) out.push({ left: line('removed', left), right: null })
    else out.push({ left: null, right: line('added', right) })
  }
}

/** Runs of unchanged lines longer than the context around changes become one `gap` pair. */
function collapseUnchanged(pairs: DiffLinePair[]): DiffLinePair[] {
  const out: DiffLinePair[] = []
  let k = 0
  while (k < pairs.length) {
    if (pairs[k].left?.kind !== 'same') {
      out.push(pairs[k++])
      continue
    }
    let end = k
    while (end < pairs.length && pairs[end].left?.kind === 'same') end++
    const keepBefore = k === 0 ? 0 : CONTEXT_LINES
    const keepAfter = end === pairs.length ? 0 : CONTEXT_LINES
    if (end - k <= keepBefore + keepAfter + 1) out.push(...pairs.slice(k, end))
    else {
      out.push(...pairs.slice(k, k + keepBefore))
      const hidden = end - k - keepBefore - keepAfter
      const gap = line('gap', `… ${hidden} unchanged line${hidden === 1 ? '' : 's'}`)
      out.push({ left: gap, right: gap })
      out.push(...pairs.slice(end - keepAfter, end))
    }
    k = end
  }
  return out
}

/**
 * A line diff of two messages' JSON (either may be missing: an added or removed message), bounded: the JSON is cut
 * at MAX_DIFF_TEXT, unchanged stretches are collapsed, at most MAX_LINE_PAIRS pairs of at most MAX_LINE_CHARS each.
 */
export function diffMessages(
  left: unknown,
  right: unknown,
  has: { left: boolean; right: boolean },
): MessageDiff {
  const a = has.left ? jsonOf(left) : { text: '', truncated: false }
  const b = has.right ? jsonOf(right) : { text: '', truncated: false }
  const pairs: DiffLinePair[] = []
  const parts =
    has.left && has.right ? diffLines(a.text, b.text, { timeout: LINE_DIFF_TIMEOUT_MS }) : undefined
  if (parts === undefined)
    pairBlock(has.left ? splitLines(a.text) : [], has.right ? splitLines(b.text) : [], pairs)
  else {
    let removed: string[] = []
    for (const part of parts) {
      const lines = splitLines(part.value)
      if (part.removed) removed = lines
      else if (part.added) {
        pairBlock(removed, lines, pairs)
        removed = []
      } else {
        pairBlock(removed, [], pairs)
        removed = []
        for (const text of lines) pairs.push({ left: line('same', text), right: line('same', text) })
      }
    }
    pairBlock(removed, [], pairs)
  }
  const collapsed = collapseUnchanged(pairs)
  return {
    lines: collapsed.slice(0, MAX_LINE_PAIRS),
    truncated: a.truncated || b.truncated || collapsed.length > MAX_LINE_PAIRS,
  }
}
