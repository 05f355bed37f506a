import { lineColumnAt, contextAt } from './errorPosition'
import { formatShortJsonPath, type PathSegment } from './jsonPath'
import { JsonSyntaxError } from './jsonSyntaxError'
import { PyNumber } from './pyNumber'
import { PyObject } from './pyObject'

/**
 * The deepest nesting (objects and arrays counted from the document's root, the root itself being 1) that MARSYS's
 * `json.load` can read under CPython 3.11 with its default recursion limit of 1000: deeper documents raise
 * RecursionError, so MARSYS cannot load them. The C scanner spends one recursion level per container on top of the
 * Python frames already on the stack, so the exact figure depends on the caller. Measured with python3 3.11.7 by a
 * bisection over MARSYS-shaped files (`{"memory_type": …, "messages": [{"role": "user", "content": <n arrays or
 * n objects>}]}`) loaded through `json.load(io.StringIO(text))` from a function one frame deep, as
 * `MemoryManager.load_from_file` is: the deepest loadable total was 992 for arrays and objects alike, with 7 Python
 * frames on the stack (module, test helper, load_from_file, json.load, json.loads, decode, raw_decode); top-level
 * `json.loads` (4 frames) reads 995. A script calling `load_from_file` at module level has 6 frames, hence 993:
 * a document deeper than this fails from every caller.
 *
 * The same bound protects our own recursive walkers (parse, dump, toPlain, repr) from overflowing the JS stack.
 */
export const PY_JSON_MAX_DEPTH = 993

const RECURSION_NOTE = "Python's json raises RecursionError past that depth, so MARSYS cannot load it"

/** A value (not text) nested deeper than a walker accepts. */
export class NestingTooDeepError extends RangeError {
  readonly path: string
  constructor(
    readonly limit: number,
    segments: readonly PathSegment[],
  ) {
    const path = formatShortJsonPath(segments)
    super(`nested more than ${limit} levels deep at ${path} (${RECURSION_NOTE})`)
    this.name = 'NestingTooDeepError'
    this.path = path
  }
}

/** JSON text nested deeper than the parser accepts; a JsonSyntaxError with the position and the path. */
export class JsonNestingError extends JsonSyntaxError {
  readonly path: string
  constructor(
    text: string,
    offset: number,
    readonly limit: number,
    readonly segments: readonly PathSegment[],
  ) {
    const { line, column, lineStart } = lineColumnAt(text, offset)
    const path = formatShortJsonPath(segments)
    super({
      line,
      column,
      offset,
      expected: `at most ${limit} levels of nesting`,
      found: `level ${limit + 1} at ${path}`,
      context: contextAt(text, offset, lineStart),
      message: `line ${line}, column ${column}: nested more than ${limit} levels deep at ${path} (${RECURSION_NOTE})`,
    })
    this.name = 'JsonNestingError'
    this.path = path
  }
}

interface TextFrame {
  inObject: boolean
  index: number
  key: string
  expectKey: boolean
}

/**
 * Where a JSON text first opens a container deeper than `limit` (offset of the bracket and the path of that
 * container), or undefined. Iterative; assumes the text up to that point is valid JSON (it only skips strings).
 */
export function findDeepNestingInText(
  text: string,
  limit: number,
): { offset: number; segments: PathSegment[] } | undefined {
  const stack: TextFrame[] = []
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      const end = stringEnd(text, i)
      const top = stack[stack.length - 1]
      if (top?.inObject && top.expectKey) {
        top.key = decodeKey(text.slice(i, end))
        top.expectKey = false
      }
      i = end - 1
    } else if (c === 0x5b || c === 0x7b) {
      if (stack.length === limit) return { offset: i, segments: stack.map(segmentOf) }
      stack.push({ inObject: c === 0x7b, index: 0, key: '', expectKey: c === 0x7b })
    } else if (c === 0x5d || c === 0x7d) {
      stack.pop()
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1]
      if (top?.inObject) top.expectKey = true
      else if (top) top.index++
    }
  }
  return undefined
}

const segmentOf = (frame: TextFrame): PathSegment => (frame.inObject ? frame.key : frame.index)

/** Offset just past the string starting at the quote at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5c) i++
    else if (c === 0x22) return i + 1
  }
  return text.length
}

function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string
  } catch {
    return quoted.slice(1, -1)
  }
}

interface ValueNode {
  value: unknown
  depth: number
  parent: ValueNode | undefined
  segment: PathSegment
}

/** The path of the first container in `root` nested deeper than `limit` (iterative), or undefined. */
export function findDeepNestingInValue(root: unknown, limit: number): PathSegment[] | undefined {
  const pending: ValueNode[] = [{ value: root, depth: 1, parent: undefined, segment: '' }]
  while (pending.length > 0) {
    const node = pending.pop()!
    const children = childrenOf(node.value)
    if (children === undefined) continue
    if (node.depth > limit) return pathOf(node)
    for (let i = children.length - 1; i >= 0; i--) {
      const [segment, value] = children[i]
      pending.push({ value, depth: node.depth + 1, parent: node, segment })
    }
  }
  return undefined
}

function childrenOf(value: unknown): (readonly [PathSegment, unknown])[] | undefined {
  if (value === null || typeof value !== 'object' || value instanceof PyNumber) return undefined
  if (Array.isArray(value)) return value.map((v, i) => [i, v] as const)
  if (value instanceof PyObject) return value.entries
  if (value instanceof Map) return Array.from(value, ([k, v]) => [String(k), v] as const)
  return Object.entries(value)
}

function pathOf(node: ValueNode): PathSegment[] {
  const segments: PathSegment[] = []
  for (let n: ValueNode | undefined = node; n?.parent; n = n.parent) segments.push(n.segment)
  return segments.reverse()
}

/** The error for a walker that met a container deeper than `limit` somewhere below `root`. */
export function nestingTooDeep(root: unknown, limit: number = PY_JSON_MAX_DEPTH): NestingTooDeepError {
  return new NestingTooDeepError(limit, findDeepNestingInValue(root, limit) ?? [])
}
