import type { MarsysFile } from './marsysFile'

/** The top-level keys that make an object a MARSYS memory file (its loader reads nothing else that matters). */
const MEMORY_KEYS = ['memory_type', 'messages']
/** Past this many bytes a top-level list's items are not counted (the sentence says "at least"). */
const COUNT_LIMIT_BYTES = 64 * 1024 * 1024
const MAX_KEYS_NAMED = 5

const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

/** Items of the top-level list that starts at `open` (the file parsed: strings and nesting are well formed). */
function countListItems(buffer: Buffer, open: number): { items: number; complete: boolean } {
  const end = Math.min(buffer.length, open + COUNT_LIMIT_BYTES)
  let depth = 0
  let items = 0
  let inString = false
  let empty = true
  for (let at = open; at < end; at++) {
    const c = buffer[at]
    if (inString) {
      if (c === 0x5c) at++
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue
    if (depth === 1 && empty && c !== 0x5d) {
      empty = false
      items = 1
    }
    if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) depth++
    else if (c === 0x5d || c === 0x7d) {
      depth--
      if (depth === 0) return { items, complete: true }
    } else if (c === 0x2c && depth === 1) items++
  }
  return { items, complete: false }
}

/** The value of a top-level scalar, short enough for a sentence. */
function scalarText(file: MarsysFile): string {
  const text = file.buffer
    .toString('utf8', file.textStart, Math.min(file.byteLength, file.textStart + 200))
    .trim()
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

/**
 * What a valid JSON file that is no MARSYS memory holds, in a sentence ("This is a JSON array of 12 items, not a
 * MARSYS memory file"), or null when it is a memory: an object with `memory_type` or `messages` (however damaged
 * they are, the memory's own checks speak about it).
 */
export function describeNotAMemory(file: MarsysFile): string | null {
  const kind = file.topLevelKind
  const what = ((): string | null => {
    switch (kind) {
      case undefined:
        return null
      case 'object': {
        const keys = [...new Set(file.entries.map((entry) => entry.key))]
        if (keys.some((key) => MEMORY_KEYS.includes(key))) return null
        if (keys.length === 0) return 'an empty JSON object'
        const named = keys.slice(0, MAX_KEYS_NAMED).join(', ')
        return `a JSON object with ${plural(keys.length, 'key')} (${named}${keys.length > MAX_KEYS_NAMED ? ', …' : ''}) and neither memory_type nor messages`
      }
      case 'array': {
        const open = file.buffer.indexOf(0x5b, file.textStart)
        const { items, complete } = countListItems(file.buffer, open)
        return `a JSON array of ${complete ? '' : 'at least '}${plural(items, 'item')}`
      }
      case 'string':
        return 'a JSON string'
      case 'number':
        return `a JSON number (${scalarText(file)})`
      case 'literal':
        return `the JSON value ${scalarText(file)}`
    }
  })()
  return what === null ? null : `This is ${what}, not a MARSYS memory file.`
}
