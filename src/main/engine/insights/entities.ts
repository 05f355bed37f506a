/**
 * `IMemoryProvider.extract_entities`: offline and deterministic. The spec's precedent buckets (people, places,
 * organizations, topics, dates) come from `compromise`, plus URLs, file paths, ids and written dates by pattern.
 * Secrets are redacted before anything is read, so no entity carries a key. Every entity lists the messages it
 * appears in. compromise costs about 20-50 ms per 1,000 characters, so it reads at most `nlpCharBudget`
 * characters (in message order, at most `nlpCharsPerMessage` of each); the patterns read everything.
 */
import { nlp } from '../nlp/lazyNlp'
import { isPlain, viewMessage } from './messageView'
import { patternEntities } from './entityPatterns'
import { findSecretsInText, redactText } from './secretPatterns'

export type EntityKind = 'person' | 'organization' | 'place' | 'date' | 'url' | 'file-path' | 'id' | 'topic'

export interface Entity {
  kind: EntityKind
  /** As first seen (trailing punctuation and possessive `'s` removed). */
  text: string
  /** What occurrences are grouped by: lowercased, whitespace collapsed (topics: last word singular). */
  key: string
  occurrences: number
  messageIndices: number[]
  source: 'nlp' | 'pattern' | 'llm'
}

export interface EntityExtraction {
  people: Entity[]
  organizations: Entity[]
  places: Entity[]
  dates: Entity[]
  urls: Entity[]
  filePaths: Entity[]
  ids: Entity[]
  topics: Entity[]
  /** How much of the text the language model (compromise) read. */
  nlp: { charsRead: number; charsSkipped: number; messagesRead: number; firstSkippedIndex: number | null }
}

export interface ExtractOptions {
  /** Characters compromise reads in all (default 30,000: about 1-2 s on a busy machine). */
  nlpCharBudget?: number
  /** Characters compromise reads of one message (default 4,000). */
  nlpCharsPerMessage?: number
  /** Topics kept, most widespread first (default 20). */
  maxTopics?: number
}

export const BUCKETS: Record<EntityKind, Exclude<keyof EntityExtraction, 'nlp'>> = {
  person: 'people',
  organization: 'organizations',
  place: 'places',
  date: 'dates',
  url: 'urls',
  'file-path': 'filePaths',
  id: 'ids',
  topic: 'topics',
}

export type EntityBuckets = Omit<EntityExtraction, 'nlp'>

export const emptyBuckets = (): EntityBuckets =>
  Object.fromEntries(Object.values(BUCKETS).map((bucket) => [bucket, []])) as unknown as EntityBuckets

/** The text entities are read from: the content, and the string values inside tool-call arguments. */
function entityText(message: unknown, index: number): string {
  const view = viewMessage(message, index)
  const parts = [view.text]
  for (const call of view.toolCalls) {
    try {
      collectStrings(JSON.parse(call.arguments), parts)
    } catch {
      parts.push(call.arguments)
    }
  }
  const text = parts.filter((part) => part !== '').join('\n')
  const secrets = findSecretsInText(text)
  return secrets.length === 0 ? text : redactText(text, secrets)
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into)
  else if (isPlain(value)) for (const item of Object.values(value)) collectStrings(item, into)
}

const clean = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?:'s|’s)$/i, '')
    .replace(/^[("'[\s\u2013\u2014-]+|[)"'\].,;:!?\s\u2013\u2014-]+$/g, '')

const keyOf = (text: string): string => text.toLowerCase()

/** Groups occurrences by kind and key, keeping first-seen order within a kind. */
class EntityTable {
  private readonly byKey = new Map<string, Entity>()

  add(kind: EntityKind, rawText: string, messageIndex: number, source: Entity['source'], key?: string): void {
    const text = kind === 'url' || kind === 'file-path' || kind === 'id' ? rawText : clean(rawText)
    if (text.length < 2 || text.includes('[REDACTED')) return
    const entityKey = key ?? keyOf(text)
    const mapKey = `${kind}\u0000${entityKey}`
    let entity = this.byKey.get(mapKey)
    if (!entity) {
      entity = { kind, text, key: entityKey, occurrences: 0, messageIndices: [], source }
      this.byKey.set(mapKey, entity)
    } else if (entity.source === 'pattern' && source === 'nlp') {
      // The patterns read every character, so they counted this mention already (a date both recognise).
      return
    }
    entity.occurrences++
    if (entity.messageIndices[entity.messageIndices.length - 1] !== messageIndex)
      entity.messageIndices.push(messageIndex)
  }

  entities(): Entity[] {
    return [...this.byKey.values()]
  }
}

interface Segment {
  messageIndex: number
  start: number
}

function segmentAt(segments: readonly Segment[], offset: number): number {
  let low = 0
  let high = segments.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (segments[middle].start <= offset) low = middle
    else high = middle - 1
  }
  return segments[low].messageIndex
}

const DETERMINER = /^(?:the|a|an|this|that|these|those|my|your|our|their|his|her|its|some|any|each|every) /
const singular = (word: string): string =>
  word.length > 4 && word.endsWith('ies')
    ? `${word.slice(0, -3)}y`
    : word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)
      ? word.slice(0, -1)
      : word

function topicKey(text: string): string | null {
  const words = clean(text).toLowerCase().replace(DETERMINER, '').split(' ')
  if (words.length > 4 || words.some((word) => !/^[a-z][a-z0-9'-]*$/.test(word))) return null
  words[words.length - 1] = singular(words[words.length - 1])
  const key = words.join(' ')
  return key.length < 3 ? null : key
}

/** Between messages: a paragraph break, so no sentence runs from one message into the next. */
const SEPARATOR = '\n\n'

interface OffsetJson {
  text: string
  offset: { start: number }
}

function readWithNlp(texts: readonly string[], table: EntityTable, options: Required<ExtractOptions>) {
  const segments: Segment[] = []
  const parts: string[] = []
  let joinedLength = 0
  let charsRead = 0
  let firstSkippedIndex: number | null = null
  let charsSkipped = 0
  texts.forEach((text, messageIndex) => {
    const take = Math.min(text.length, options.nlpCharsPerMessage, options.nlpCharBudget - charsRead)
    if (take < text.length) {
      charsSkipped += text.length - take
      firstSkippedIndex ??= messageIndex
    }
    if (take <= 0) return
    segments.push({ messageIndex, start: joinedLength })
    parts.push(text.slice(0, take))
    charsRead += take
    joinedLength += take + SEPARATOR.length
  })
  const nlpRead = { charsRead, charsSkipped, messagesRead: parts.length, firstSkippedIndex }
  if (parts.length === 0) return nlpRead
  const doc = nlp(parts.join(SEPARATOR))
  const take = (kind: EntityKind, view: { json(options: object): unknown }) => {
    for (const item of view.json({ offset: true }) as OffsetJson[])
      table.add(kind, item.text, segmentAt(segments, item.offset.start), 'nlp')
  }
  take('person', doc.people())
  take('organization', doc.organizations())
  take('place', doc.places())
  take('date', doc.match('#Date+'))
  const nouns = doc
    .match('#Noun+')
    .not('(#Pronoun|#ProperNoun|#Date|#Value|#Unit|#Person|#Place|#Organization)')
  for (const item of nouns.json({ offset: true }) as OffsetJson[]) {
    const key = topicKey(item.text)
    if (key !== null) table.add('topic', item.text, segmentAt(segments, item.offset.start), 'nlp', key)
  }
  return nlpRead
}

const byFirstSeen = (a: Entity, b: Entity): number => a.messageIndices[0] - b.messageIndices[0]

export function extractEntities(
  messages: readonly unknown[],
  options: ExtractOptions = {},
): EntityExtraction {
  const settings: Required<ExtractOptions> = {
    nlpCharBudget: options.nlpCharBudget ?? 30_000,
    nlpCharsPerMessage: options.nlpCharsPerMessage ?? 4_000,
    maxTopics: options.maxTopics ?? 20,
  }
  const texts = messages.map(entityText)
  const table = new EntityTable()
  texts.forEach((text, messageIndex) => {
    for (const hit of patternEntities(text)) table.add(hit.kind, hit.text, messageIndex, 'pattern')
  })
  const nlpRead = readWithNlp(texts, table, settings)
  const out: EntityExtraction = { ...emptyBuckets(), nlp: nlpRead }
  for (const entity of table.entities()) out[BUCKETS[entity.kind]].push(entity)
  for (const bucket of Object.values(BUCKETS)) out[bucket].sort(byFirstSeen)
  out.topics = out.topics
    .sort(
      (a, b) =>
        b.messageIndices.length - a.messageIndices.length ||
        b.occurrences - a.occurrences ||
        byFirstSeen(a, b),
    )
    .slice(0, settings.maxTopics)
  return out
}
