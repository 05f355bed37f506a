/**
 * Key topics as clean noun phrases ("battery chemistry", "energy densities", "Paris"): found with compromise,
 * determiners and pronouns dropped, split at prepositions, no punctuation, no stop words, no role names. Ranked by
 * how often they occur, then phrases and names before lone nouns, then by first appearance; deterministic.
 */
import nlp from 'compromise'

const MAX_TOPICS = 6
/** compromise is quick but not free: topics are read from at most this much text (its start and end). */
const MAX_TEXT = 40_000

const STOP = new Set(
  (
    'user assistant system tool agent model message messages thing things something anything nothing everything ' +
    'way lot lots bit kind sort time times today yesterday tomorrow now then here there one ones yes no ok okay ' +
    'thanks thank please sure hello hi hey question questions answer answers result results step steps ' +
    'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs this that ' +
    'these those what which who whom whose where when why how all any both each few more most other some such ' +
    'the a an and or but if of at by for with about against between into through during before after above ' +
    'below to from up down in out on off over under again further once'
  ).split(' '),
)

/** Words that end a phrase ("Paris and Berlin" are two topics), and words left out of one. */
const BREAK_TAGS = ['Preposition', 'Conjunction', 'Value']
const DROP_TAGS = ['Determiner', 'Pronoun', 'Possessive', 'QuestionWord', 'Adverb']

interface Term {
  text: string
  normal: string
  /** What follows the word: a space, punctuation, or "-" inside a hyphenated word. */
  post?: string
  tags: string[]
}

/** The word without punctuation glued to either end (inner hyphens and apostrophes stay). */
const bare = (word: string): string => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')

function phrasesOf(terms: Term[]): string[] {
  const phrases: string[] = []
  let current: string[] = []
  let hyphenated = false
  const flush = () => {
    while (current.length > 0 && STOP.has(current[0].toLowerCase())) current.shift()
    while (current.length > 0 && STOP.has(current[current.length - 1].toLowerCase())) current.pop()
    if (current.length > 0 && current.length <= 4) phrases.push(current.join(' '))
    current = []
  }
  for (const term of terms) {
    if (BREAK_TAGS.some((tag) => term.tags.includes(tag))) {
      flush()
      hyphenated = false
      continue
    }
    if (DROP_TAGS.some((tag) => term.tags.includes(tag))) continue
    const joinsNext = (term.post ?? '').trim() === '-'
    const keepCase =
      term.tags.includes('ProperNoun') || term.tags.includes('Acronym') || /^[A-Z0-9]{2,}\W*$/.test(term.text)
    // compromise splits "Li-ion" into two terms: they are put back together, spelled as written.
    const asWritten = keepCase || hyphenated || joinsNext
    const word = bare(asWritten ? term.text : term.normal || term.text.toLowerCase())
    if (hyphenated && current.length > 0) current[current.length - 1] += `-${word}`
    // A lone letter ("20 C") is not a topic word.
    else if ([...word].length > 1 || joinsNext) current.push(word)
    hyphenated = joinsNext
    // Punctuation after a word ends the phrase: "figures, thanks" are two things.
    if (!joinsNext && /[,;:.!?)"\]]/.test(`${term.text}${term.post ?? ''}`.trim().slice(-1))) flush()
  }
  flush()
  return phrases
}

const acceptable = (phrase: string): boolean => {
  const words = phrase.split(' ')
  if (words.every((w) => STOP.has(w.toLowerCase()))) return false
  if (/^\d/.test(phrase)) return false
  // Words, not code or JSON: letters, digits, spaces, inner hyphens, apostrophes and dots only.
  if (!/^[\p{L}\p{N}][\p{L}\p{N}' .-]*$/u.test(phrase)) return false
  return phrase.replace(/[^\p{L}]/gu, '').length >= 3
}

function boundedText(texts: readonly string[]): string {
  const all = texts.join('\n')
  if (all.length <= MAX_TEXT) return all
  return `${all.slice(0, MAX_TEXT / 2)}\n${all.slice(-MAX_TEXT / 2)}`
}

/** Bracketed markers such as `[User Requests Summary]`, and JSON bodies, are not prose. */
const prose = (text: string): string =>
  /^\s*[[{]/.test(text) && /[\]}]\s*$/.test(text) ? '' : text.replace(/\[[^\]\n]{0,80}\]/g, ' ')

export function keyTopics(texts: readonly string[], max = MAX_TOPICS): string[] {
  const text = boundedText(texts.map(prose))
  if (!text.trim()) return []
  const nouns = nlp(text)
    .nouns()
    .json({ terms: { normal: true } }) as { terms: Term[] }[]
  const seen = new Map<string, { phrase: string; count: number; first: number; specific: boolean }>()
  let order = 0
  for (const noun of nouns) {
    for (const phrase of phrasesOf(noun.terms)) {
      if (!acceptable(phrase)) continue
      const key = phrase.toLowerCase()
      const entry = seen.get(key)
      if (entry) entry.count++
      // A phrase or a name says more than a lone common noun ("table", "weather") seen as often.
      else
        seen.set(key, { phrase, count: 1, first: order++, specific: phrase.includes(' ') || phrase !== key })
    }
  }
  return [...seen.values()]
    .sort((a, b) => b.count - a.count || Number(b.specific) - Number(a.specific) || a.first - b.first)
    .slice(0, max)
    .map((e) => e.phrase)
}
