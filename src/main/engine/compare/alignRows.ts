import { diffArrays } from 'diff'

/** What a row of an alignment is. */
export const ROW_SAME = 0
export const ROW_CHANGED = 1
export const ROW_REMOVED = 2
export const ROW_ADDED = 3

/** One side's messages as small integers: equal numbers mean equal values (see `fingerprints.ts`). */
export interface AlignSide {
  /** Role, content and tool calls: what makes two messages "the same message". */
  fingerprints: Int32Array
  /** The whole message: a matched pair that differs here (a name, an id) is shown as changed. */
  contents: Int32Array
  roles: Int32Array
}

/**
 * Every message of both sides once, in order: `left[r]`/`right[r]` are the positions in each side (-1: none).
 */
export interface AlignedRows {
  kinds: Uint8Array
  left: Int32Array
  right: Int32Array
  /** The exact match would have cost too much: the differing middle was paired by position. */
  approximate: boolean
}

export interface AlignOptions {
  /** Beyond this many inserted plus deleted messages the exact (Myers) match gives up; see `approximate`. */
  maxEditLength?: number
  /** Milliseconds the exact match may take before it gives up (it runs in a worker). */
  timeoutMs?: number
  /**
   * Whether a matched pair that differs outside role, content and tool calls is shown as changed (default). Off
   * between a file and a session: each format has fields of its own (a session's timestamps and ids), and every
   * message would show as changed.
   */
  wholeMessages?: boolean
}

const DEFAULT_MAX_EDIT_LENGTH = 10_000
const DEFAULT_TIMEOUT_MS = 20_000
/** A hunk with more removed × added messages than this is paired by position, not by its roles' diff. */
const MAX_HUNK_PAIRING = 4_000_000

class RowWriter {
  readonly kinds: Uint8Array
  readonly left: Int32Array
  readonly right: Int32Array
  length = 0

  constructor(
    capacity: number,
    private readonly contentsLeft: Int32Array,
    private readonly contentsRight: Int32Array,
    private readonly wholeMessages: boolean,
  ) {
    this.kinds = new Uint8Array(capacity)
    this.left = new Int32Array(capacity)
    this.right = new Int32Array(capacity)
  }

  push(kind: number, left: number, right: number): void {
    // Same role, content and tool calls, but another field differs: a change the user must see.
    if (kind === ROW_SAME && this.wholeMessages && this.contentsLeft[left] !== this.contentsRight[right])
      kind = ROW_CHANGED
    this.kinds[this.length] = kind
    this.left[this.length] = left
    this.right[this.length] = right
    this.length++
  }

  result(approximate: boolean): AlignedRows {
    return {
      kinds: this.kinds.slice(0, this.length),
      left: this.left.slice(0, this.length),
      right: this.right.slice(0, this.length),
      approximate,
    }
  }
}

/**
 * Matches two conversations' messages: a Myers diff (the `diff` package) over their fingerprints after the common
 * start and end are taken off. A run of removed messages next to a run of added ones is a hunk; inside it, messages
 * are paired as "changed" where a diff of their roles matches them (an edited user message pairs with the user
 * message, not with an assistant message inserted before it), the rest stay removed or added.
 */
export function alignRows(left: AlignSide, right: AlignSide, options: AlignOptions = {}): AlignedRows {
  const n = left.fingerprints.length
  const m = right.fingerprints.length
  const out = new RowWriter(n + m, left.contents, right.contents, options.wholeMessages ?? true)
  let start = 0
  while (start < n && start < m && left.fingerprints[start] === right.fingerprints[start]) start++
  let endLeft = n
  let endRight = m
  while (
    endLeft > start &&
    endRight > start &&
    left.fingerprints[endLeft - 1] === right.fingerprints[endRight - 1]
  ) {
    endLeft--
    endRight--
  }
  for (let i = 0; i < start; i++) out.push(ROW_SAME, i, i)
  const approximate = alignMiddle(left, right, start, endLeft, endRight, out, options)
  for (let i = endLeft, j = endRight; i < n; i++, j++) out.push(ROW_SAME, i, j)
  return out.result(approximate)
}

/** Aligns left[start, endLeft) with right[start, endRight); true when it had to pair by position. */
function alignMiddle(
  left: AlignSide,
  right: AlignSide,
  start: number,
  endLeft: number,
  endRight: number,
  out: RowWriter,
  options: AlignOptions,
): boolean {
  const removed = range(start, endLeft)
  const added = range(start, endRight)
  if (removed.length === 0 || added.length === 0) {
    pairHunk(left, right, removed, added, out)
    return false
  }
  const changes = diffArrays(
    Array.from(left.fingerprints.subarray(start, endLeft)),
    Array.from(right.fingerprints.subarray(start, endRight)),
    {
      maxEditLength: options.maxEditLength ?? DEFAULT_MAX_EDIT_LENGTH,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    },
  )
  if (changes === undefined) {
    pairByPosition(removed, added, out)
    return true
  }
  let i = start
  let j = start
  let hunkRemoved: number[] = []
  let hunkAdded: number[] = []
  const flush = (): void => {
    pairHunk(left, right, hunkRemoved, hunkAdded, out)
    hunkRemoved = []
    hunkAdded = []
  }
  for (const change of changes) {
    if (change.removed) for (let k = 0; k < change.count; k++) hunkRemoved.push(i++)
    else if (change.added) for (let k = 0; k < change.count; k++) hunkAdded.push(j++)
    else {
      flush()
      for (let k = 0; k < change.count; k++) out.push(ROW_SAME, i++, j++)
    }
  }
  flush()
  return false
}

function pairHunk(
  left: AlignSide,
  right: AlignSide,
  removed: number[],
  added: number[],
  out: RowWriter,
): void {
  if (removed.length === 0 || added.length === 0) {
    for (const i of removed) out.push(ROW_REMOVED, i, -1)
    for (const j of added) out.push(ROW_ADDED, -1, j)
    return
  }
  if (removed.length * added.length > MAX_HUNK_PAIRING) {
    pairByPosition(removed, added, out)
    return
  }
  const roles = diffArrays(
    removed.map((i) => left.roles[i]),
    added.map((j) => right.roles[j]),
  )
  let r = 0
  let a = 0
  for (const change of roles) {
    for (let k = 0; k < change.count; k++) {
      if (change.removed) out.push(ROW_REMOVED, removed[r++], -1)
      else if (change.added) out.push(ROW_ADDED, -1, added[a++])
      else out.push(ROW_CHANGED, removed[r++], added[a++])
    }
  }
}

function pairByPosition(removed: number[], added: number[], out: RowWriter): void {
  const pairs = Math.min(removed.length, added.length)
  for (let k = 0; k < pairs; k++) out.push(ROW_CHANGED, removed[k], added[k])
  for (let k = pairs; k < removed.length; k++) out.push(ROW_REMOVED, removed[k], -1)
  for (let k = pairs; k < added.length; k++) out.push(ROW_ADDED, -1, added[k])
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k)
