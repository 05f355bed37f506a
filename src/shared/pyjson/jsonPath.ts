export type PathSegment = string | number

/** `$.messages[3].tool_calls[0].function.arguments`; keys that are not identifiers are quoted. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let out = '$'
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += `.${s}`
    else out += `[${JSON.stringify(s)}]`
  }
  return out
}

const HEAD_SEGMENTS = 8
const TAIL_SEGMENTS = 3

/** Like formatJsonPath, with the middle of a very long path (deep nesting) replaced by a count. */
export function formatShortJsonPath(segments: readonly PathSegment[]): string {
  if (segments.length <= HEAD_SEGMENTS + TAIL_SEGMENTS + 1) return formatJsonPath(segments)
  const head = formatJsonPath(segments.slice(0, HEAD_SEGMENTS))
  const tail = formatJsonPath(segments.slice(-TAIL_SEGMENTS)).slice(1)
  return `${head}…(${segments.length - HEAD_SEGMENTS - TAIL_SEGMENTS} more)…${tail}`
}
