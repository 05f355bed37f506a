/**
 * Key topics as clean noun phrases ("battery chemistry", "energy densities", "Paris"): found with compromise,
 * determiners and pronouns dropped, split at prepositions, no punctuation, no stop words, no role names. Ranked by
 * how often they occur, then phrases and names before lone nouns, then by first appearance; deterministic.
 */
import { nlp } from '../nlp/lazyNlp'

const MAX_TOPICS = 6
/** compromise is quick but not free: topics are read from at most this much text (its start and end). */
const MAX_TEXT = 20_000

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

interface Term {
  text: string
  normal: string
  /** What follows the word: a space, punctuation, or "-" inside a hyphenated word. */
  post?: string
  tags: string[]
}

/** The word without punctuation glued to either end (inner hyphens and apostrophes stay). */
const bare = (word: string): string => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')

const isNoun = (term: Term): boolean => term.tags.includes('Noun') && !term.tags.includes('Pronoun')
const isNounish = (term: Term): boolean =>
  (isNoun(term) || term.tags.includes('Adjective')) &&
  !term.tags.includes('Value') &&
  !term.tags.includes('Determiner')

/**
 * Noun phrases of one sentence: runs of adjectives and nouns that end in a noun ("battery chemistry",
 * "solid-state figures"), cut at punctuation. Faster than compromise's own `nouns()`, which slows down sharply on
 * long texts.
 */
function phrasesOf(terms: Term[]): string[] {
  const phrases: string[] = []
  let words: string[] = []
  let lastIsNoun = false
  let hyphenated = false
  const flush = () => {
    if (lastIsNoun) {
      while (words.length > 0 && STOP.has(words[0].toLowerCase())) words.shift()
      while (words.length > 0 && STOP.has(words[words.length - 1].toLowerCase())) words.pop()
      if (words.length > 0 && words.length <= 4) phrases.push(words.join(' '))
    }
    words = []
    lastIsNoun = false
  }
  for (const term of terms) {
    const joinsNext = (term.post ?? '').trim() === '-'
    if (!hyphenated && !isNounish(term)) {
      flush()
      continue
    }
    const keepCase =
      term.tags.includes('ProperNoun') || term.tags.includes('Acronym') || /^[A-Z0-9]{2,}\W*$/.test(term.text)
    // compromise splits "Li-ion" into two terms: they are put back together, spelled as written.
    const asWritten = keepCase || hyphenated || joinsNext
    const word = bare(asWritten ? term.text : term.normal || term.text.toLowerCase())
    if (hyphenated && words.length > 0) words[words.length - 1] += `-${word}`
    // A lone letter ("20 C") is not a topic word.
    else if ([...word].length > 1 || joinsNext) words.push(word)
    else {
      flush()
      continue
    }
    lastIsNoun = isNoun(term)
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
  const sentences = nlp(text).json({ terms: { normal: true } }) as { terms: Term[] }[]
  const seen = new Map<string, { phrase: string; count: number; first: number; specific: boolean }>()
  let order = 0
  for (const sentence of sentences) {
    for (const phrase of phrasesOf(sentence.terms)) {
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
