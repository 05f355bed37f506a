/**
 * Entities found by pattern, over every character of every message: URLs, file paths, ids and written dates.
 * Linear regexes only (each starts at a run boundary; consecutive parts use disjoint classes or a literal; every
 * repetition is bounded, which also keeps V8's backtrack stack small on a 10 MB run).
 */

export type PatternEntityKind = 'url' | 'file-path' | 'id' | 'date'

export interface PatternHit {
  kind: PatternEntityKind
  text: string
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\\.?'

const URL = /(?<![A-Za-z0-9+.-])(?:https?|ftp|wss?|file):\/\/[^\s<>"'`()[\]{}]{1,4096}/gi
const PATTERNS: readonly [PatternEntityKind, RegExp][] = [
  [
    'file-path',
    /(?<![A-Za-z0-9])[A-Za-z]:\\(?:[A-Za-z0-9_.@+-]{1,255}\\){0,64}[A-Za-z0-9_.@+-]{1,255}(?![A-Za-z0-9_.@+\\-])/g,
  ],
  [
    'file-path',
    /(?<![A-Za-z0-9_.~/-])(?:~|\.{1,2})?(?:\/[A-Za-z0-9_.@+-]{1,255}){2,64}\/?(?![A-Za-z0-9_.@+/-])/g,
  ],
  [
    'file-path',
    /(?<![A-Za-z0-9_./-])[A-Za-z0-9_.-]{1,255}(?:\/[A-Za-z0-9_.-]{1,255}){1,64}\.[A-Za-z][A-Za-z0-9]{0,7}(?![A-Za-z0-9/])/g,
  ],
  ['id', /(?<![0-9A-Fa-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9A-Fa-f-])/gi],
  [
    'id',
    /(?<![A-Za-z0-9_-])(?:call|toolu|msg|req|run|chatcmpl|resp|thread|asst|evt)[_-][A-Za-z0-9_-]{4,128}(?![A-Za-z0-9_-])/g,
  ],
  // Not the last group of a UUID (hex digits and a hyphen before it).
  ['id', /(?<![0-9A-Za-z]|[0-9A-Fa-f]-)[0-9a-f]{12,64}(?![0-9A-Za-z])/g],
  [
    'date',
    /(?<![0-9])\d{4}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?(?![0-9])/g,
  ],
  ['date', new RegExp(`(?<![A-Za-z])${MONTH} [0-3]?\\d(?:st|nd|rd|th)?,? \\d{4}(?![0-9])`, 'g')],
  ['date', new RegExp(`(?<![0-9])[0-3]?\\d(?:st|nd|rd|th)? ${MONTH},? \\d{4}(?![0-9])`, 'g')],
]

/** Drops trailing sentence punctuation (a loop, not `/[.,]+$/`, which is quadratic on long runs). */
function trimPunctuation(text: string): string {
  let end = text.length
  while (end > 0 && `.,;:!?'"`.includes(text[end - 1])) end--
  return text.slice(0, end)
}

const isHexId = (text: string): boolean => /[0-9]/.test(text) && /[a-f]/i.test(text)

/** Every pattern entity of a text; URLs first, and nothing else is looked for inside a URL. */
export function patternEntities(text: string): PatternHit[] {
  const hits: PatternHit[] = []
  let rest = text
  if (text.includes('://')) {
    rest = text.replace(URL, (url) => {
      hits.push({ kind: 'url', text: trimPunctuation(url) })
      return ' '.repeat(url.length)
    })
  }
  for (const [kind, regex] of PATTERNS) {
    for (const match of rest.matchAll(regex)) {
      const found = trimPunctuation(match[0])
      if (kind === 'id' && /^[0-9a-f]+$/i.test(found) && !isHexId(found)) continue
      hits.push({ kind, text: found })
    }
  }
  return hits
}
