/**
 * The complete `"id": {…}` entries at the start of a shard's `sessions` object whose text is cut or corrupted
 * part-way (`{"sessions":{"a":{…},"b":{"fi`): everything before the damage, each entry parsed on its own. Stops at
 * the first entry that is not whole.
 */
export function salvageShardEntries(text: string): [string, unknown][] {
  const entries: [string, unknown][] = []
  const key = /"sessions"\s*:\s*\{/.exec(text)
  if (key === null) return entries
  let at = key.index + key[0].length
  for (;;) {
    at = skipSpace(text, at)
    if (text[at] === ',') at = skipSpace(text, at + 1)
    if (text[at] !== '"') break
    const idStart = at
    const idEnd = endOfString(text, at)
    if (idEnd < 0) break
    at = skipSpace(text, idEnd)
    if (text[at] !== ':') break
    const valueStart = skipSpace(text, at + 1)
    if (text[valueStart] !== '{') break
    const valueEnd = endOfObject(text, valueStart)
    if (valueEnd < 0) break
    try {
      entries.push([JSON.parse(text.slice(idStart, idEnd)), JSON.parse(text.slice(valueStart, valueEnd))])
    } catch {
      break
    }
    at = valueEnd
  }
  return entries
}

const skipSpace = (text: string, at: number): number => {
  while (at < text.length && /\s/.test(text[at])) at += 1
  return at
}

/** Index just past the closing quote of the string opening at `start`, or -1. */
function endOfString(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at += 1) {
    if (text[at] === '\\') at += 1
    else if (text[at] === '"') return at + 1
  }
  return -1
}

/** Index just past the `}` matching the `{` at `start`, or -1 when the text ends first. */
function endOfObject(text: string, start: number): number {
  let depth = 0
  for (let at = start; at < text.length; at += 1) {
    const char = text[at]
    if (char === '"') {
      at = endOfString(text, at) - 1
      if (at < 0) return -1
    } else if (char === '{' || char === '[') depth += 1
    else if (char === '}' || char === ']') {
      depth -= 1
      if (depth === 0) return at + 1
    }
  }
  return -1
}
