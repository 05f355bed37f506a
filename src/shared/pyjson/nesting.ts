import { lineColumnAt, contextAt } from './errorPosition'
import { formatShortJsonPath, type PathSegment } from './jsonPath'
import { JsonSyntaxError } from './jsonSyntaxError'
import { PyNumber } from './pyNumber'
import { PyObject } from './pyObject'

/**
 * The deepest nesting (objects and arrays counted from the document's root, the root itself being 1) that
 * `json.load` reads in each CPython that MARSYS supports (its pyproject.toml: `requires-python = ">=3.12"`,
 * classifiers 3.12 and 3.13); deeper documents raise RecursionError. Measured by
 * `scripts/measure-python-json-depth.py` with CPython 3.12.1 and 3.13.0, calling `json.load` as
 * `MemoryManager.load_from_file` does (inside a method, on an open file): nested arrays and nested objects, in a
 * message's content and in `additional_state`, with 0, 20 and 200 extra Python frames above the call all give the
 * same figure. Since 3.12 the C scanner counts against the C recursion limit, which Python frames do not use, so
 * the caller does not matter. (3.11, which MARSYS does not support, reads 990 from a function and less from deeper
 * callers.)
 */
export const CPYTHON_JSON_MAX_DEPTH = { '3.12': 1497, '3.13': 9998 } as const

/**
 * The deepest nesting MARSYS loads on every Python it supports (3.12's, the strictest): up to this a file is
 * loadable; deeper, it fails at least on 3.12. It also bounds our own recursive walkers (parse, dump, toPlain,
 * repr), so nothing recurses unbounded.
 */
export const PY_JSON_MAX_DEPTH: number = CPYTHON_JSON_MAX_DEPTH['3.12']

/** Deepest nesting any supported CPython reads: deeper, MARSYS cannot load the file anywhere. */
export const PY_JSON_MAX_DEPTH_ANY_PYTHON: number = CPYTHON_JSON_MAX_DEPTH['3.13']

/**
 * Why MARSYS cannot load a document nested deeper than PY_JSON_MAX_DEPTH, naming both versions' limits;
 * `beyondEveryPython` when it is also deeper than what 3.13 reads.
 */
export function pythonNestingNote(beyondEveryPython: boolean): string {
  const limits = CPYTHON_JSON_MAX_DEPTH
  return beyondEveryPython
    ? `Python's json raises RecursionError past ${limits['3.12']} levels on CPython 3.12 and past ${limits['3.13']} ` +
        'on 3.13, so MARSYS cannot load it on any Python it supports'
    : `CPython 3.12's json raises RecursionError past ${limits['3.12']} levels, so MARSYS cannot load it on ` +
        `Python 3.12 (3.13 reads up to ${limits['3.13']})`
}

/** A value (not text) nested deeper than a walker accepts. */
export class NestingTooDeepError extends RangeError {
  readonly path: string
  constructor(
    readonly limit: number,
    segments: readonly PathSegment[],
    beyondEveryPython = false,
  ) {
    const path = formatShortJsonPath(segments)
    super(`nested more than ${limit} levels deep at ${path} (${pythonNestingNote(beyondEveryPython)})`)
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
    const note = pythonNestingNote(findDeepNestingInText(text, PY_JSON_MAX_DEPTH_ANY_PYTHON) !== undefined)
    super({
      line,
      column,
      offset,
      expected: `at most ${limit} levels of nesting`,
      found: `level ${limit + 1} at ${path}`,
      context: contextAt(text, offset, lineStart),
      message: `line ${line}, column ${column}: nested more than ${limit} levels deep at ${path} (${note})`,
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
  const beyondEveryPython = findDeepNestingInValue(root, PY_JSON_MAX_DEPTH_ANY_PYTHON) !== undefined
  return new NestingTooDeepError(limit, findDeepNestingInValue(root, limit) ?? [], beyondEveryPython)
}
