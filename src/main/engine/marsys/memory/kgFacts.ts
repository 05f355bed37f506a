/** KG facts and their text rendering `Fact (<role>): <subject> <predicate> <object>.` (spec §7). */
import { pyStr } from '../../../../shared/tokens/pyRepr'
import type { JsonValue } from './jsonValue'

/** A stored fact, with MARSYS's keys in MARSYS's order. Values are strings unless someone passed otherwise. */
export interface KgFact {
  role: string
  subject: JsonValue
  predicate: JsonValue
  object: JsonValue
  /** Seconds since the epoch (Python time.time()). */
  timestamp: number
  message_id: string
}

/** What KG memories write for the initial `description`. */
export const DESCRIPTION_SUBJECT = 'system_configuration'
export const DESCRIPTION_PREDICATE = 'has_initial_description'
/** What `KGMemory.add` stores raw message content under. */
export const RAW_CONTENT_SUBJECT = 'raw_content'
export const RAW_CONTENT_PREDICATE = 'contains'

/** The f-string MARSYS renders a fact with: parts joined by one space, a period appended even after a period. */
export function renderFact(fact: Pick<KgFact, 'role' | 'subject' | 'predicate' | 'object'>): string {
  return `Fact (${pyStr(fact.role)}): ${pyStr(fact.subject)} ${pyStr(fact.predicate)} ${pyStr(fact.object)}.`
}

export interface ParsedFactRendering {
  role: string
  subject: string
  predicate: string
  object: string
  /**
   * True when the split into subject / predicate / object is a guess: the rendering joins the parts with single
   * spaces, so "Paris is the capital of France" could be (Paris, is, the capital of France) or
   * (Paris, is the capital of, France).
   */
  ambiguous: boolean
  /** `subject predicate object` as rendered, without the prefix and the final period. */
  text: string
}

const RENDERING = /^Fact \((.*?)\): ([\s\S]*)\.$/

/**
 * Parses a rendering back into its parts, for display. Heuristic:
 * - the two forms MARSYS itself writes, `system_configuration has_initial_description <text>` and
 *   `raw_content contains <text>`, are split exactly (the rest is the object);
 * - a body of exactly three space-separated words is exact;
 * - otherwise the subject and the predicate are taken to be single words and the object the rest (ambiguous);
 *   with fewer than two spaces the whole body is the subject (ambiguous: no rendering looks like that).
 * The role is the text between `Fact (` and the first `): `. Returns null for text that is not a rendering.
 */
export function parseFactRendering(content: string): ParsedFactRendering | null {
  const match = RENDERING.exec(content)
  if (match === null) return null
  const [, role, text] = match
  for (const [subject, predicate] of [
    [DESCRIPTION_SUBJECT, DESCRIPTION_PREDICATE],
    [RAW_CONTENT_SUBJECT, RAW_CONTENT_PREDICATE],
  ]) {
    const prefix = `${subject} ${predicate} `
    if (text.startsWith(prefix))
      return { role, subject, predicate, object: text.slice(prefix.length), ambiguous: false, text }
  }
  const words = text.split(' ')
  if (words.length < 3) return { role, subject: text, predicate: '', object: '', ambiguous: true, text }
  return {
    role,
    subject: words[0],
    predicate: words[1],
    object: words.slice(2).join(' '),
    ambiguous: words.length > 3,
    text,
  }
}
