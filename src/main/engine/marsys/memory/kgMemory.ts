/** MARSYS's `KGMemory` (`memory_type="kg"`, spec §7). */
import { isTruthy, parsePyJson, toPlain } from '../../../../shared/pyjson'
import { pyStr } from '../../../../shared/tokens/pyRepr'
import { dictGet, isDict } from '../../../../shared/tokens/pythonData'
import { MessageError } from './marsysErrors'
import {
  DESCRIPTION_PREDICATE,
  DESCRIPTION_SUBJECT,
  type KgFact,
  RAW_CONTENT_PREDICATE,
  RAW_CONTENT_SUBJECT,
  renderFact,
} from './kgFacts'
import { type JsonValue, pyTypeName } from './jsonValue'
import type { LlmDict } from './llmDict'
import {
  type AddFields,
  BaseMemory,
  type MemoryOptions,
  type ReplaceFields,
  type UpdateFields,
  checkIndex,
  messageFrom,
} from './memoryBase'
import type { Message } from './message'

/** MARSYS's extraction prompt, verbatim. */
export const FACT_EXTRACTION_PROMPT =
  'Extract all knowledge graph facts from the following text. ' +
  'Return a JSON list of triplets, where each triplet is a dict with keys: subject, predicate, object. ' +
  'Example: [{"subject": "Paris", "predicate": "is the capital of", "object": "France"}, ...]' +
  ' If no facts are found, return an empty list [].'

/**
 * The model KG memory extracts facts with — MARSYS calls `model.run(messages=…, json_mode=True)` and expects a
 * JSON list of `{subject, predicate, object}` (as a string or already parsed). A later piece adapts real models.
 */
export interface FactExtractor {
  run(messages: Array<{ role: string; content: string }>, options: { jsonMode: true }): unknown
}

const INDEX_ERROR = 'KG index out of range.'

const byTimestamp = (a: KgFact, b: KgFact): number => a.timestamp - b.timestamp

/**
 * Facts `(role, subject, predicate, object)`, rendered as `{"role", "content": "Fact (<role>): s p o."}` on
 * retrieval.
 *
 * Deliberate differences from MARSYS: extracted facts are stored (MARSYS calls a missing method and stores none);
 * extraction runs in the background and `whenIdle()` waits for it; `replaceMemory` replaces the fact with the new
 * message's raw-content fact (MARSYS deletes the fact, then crashes).
 */
export class KGMemory extends BaseMemory {
  readonly memoryType = 'kg' as const
  readonly model: FactExtractor
  private kg: KgFact[] = []
  private readonly pending = new Set<Promise<unknown>>()

  constructor(opts: MemoryOptions & { model: FactExtractor; description?: string | null }) {
    super(opts)
    this.model = opts.model
    if (opts.description) this.addFact('system', DESCRIPTION_SUBJECT, DESCRIPTION_PREDICATE, opts.description)
  }

  addFact(role: string, subject: JsonValue, predicate: JsonValue, object: JsonValue): void {
    this.kg.push(this.newFact(role, subject, predicate, object))
  }

  /**
   * Stores the content as `raw_content contains <str(content) or "empty">` and, when the content is truthy,
   * starts fact extraction from that text. Returns the new fact's id.
   */
  add(input: Message | AddFields): string {
    const message = messageFrom(input, 'add')
    const fact = this.rawContentFact(message.role, message.content)
    this.kg.push(fact)
    if (isTruthy(message.content))
      this.track(this.extractAndUpdateFromText(fact.object as string, message.role))
    return fact.message_id
  }

  /** A raw-content fact without extraction (what loading a non-fact message into KG memory stores). */
  addRawContent(role: string, content: JsonValue): string {
    const fact = this.rawContentFact(role, content)
    this.kg.push(fact)
    return fact.message_id
  }

  /**
   * Asks the model for facts in `text` and stores each valid one with `role`. Never throws: failures are
   * reported through onWarning, as MARSYS logs them. Returns the raw list the model gave (or []).
   */
  async extractAndUpdateFromText(text: string, role = 'user'): Promise<unknown[]> {
    let extracted: unknown[] = []
    try {
      const result = await this.model.run(
        [
          { role: 'system', content: FACT_EXTRACTION_PROMPT },
          { role, content: text },
        ],
        { jsonMode: true },
      )
      const parsed = typeof result === 'string' ? this.parseReply(result) : result
      if (Array.isArray(parsed)) extracted = parsed
      else if (parsed !== null && parsed !== undefined)
        this.warn(`KG extraction result was not a list: ${pyStr(parsed)}`)
      for (const fact of extracted) {
        if (
          isDict(fact) &&
          [dictGet(fact, 'subject'), dictGet(fact, 'predicate'), dictGet(fact, 'object')].every(
            (v) => v !== undefined,
          )
        ) {
          this.addFact(
            role,
            pyStr(dictGet(fact, 'subject')),
            pyStr(dictGet(fact, 'predicate')),
            pyStr(dictGet(fact, 'object')),
          )
        } else {
          this.warn(`Skipping invalid fact format during KG extraction: ${pyStr(fact)}`)
        }
      }
    } catch (error) {
      this.warn(`Error during KG fact extraction: ${error instanceof Error ? error.message : String(error)}`)
    }
    return extracted
  }

  /** Resolves when every extraction started by `add` has finished. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending])
  }

  /** Updates role and/or subject/predicate/object (content must be a dict with those keys) in place. */
  update(messageId: string, fields: UpdateFields): void {
    const fact = this.kg.find((f) => f.message_id === messageId)
    if (!fact) throw new MessageError(`Fact with message_id '${messageId}' not found in KG.`, { messageId })
    if (fields.role !== null && fields.role !== undefined) fact.role = fields.role
    const content = fields.content
    if (content === null || content === undefined) return
    if (!isDict(content)) {
      this.warn(
        `KGMemory.update: content should be a dict with subject/predicate/object, got ${pyTypeName(content)}`,
      )
      return
    }
    for (const key of ['subject', 'predicate', 'object'] as const) {
      const value = dictGet(content, key)
      if (value !== undefined) fact[key] = value as JsonValue
    }
  }

  replaceMemory(idx: number, input: Message | ReplaceFields): void {
    checkIndex(idx, this.kg.length, INDEX_ERROR)
    const message = messageFrom(input, 'replace_memory')
    const fact = this.rawContentFact(message.role, message.content)
    this.kg[idx] = fact
    if (isTruthy(message.content))
      this.track(this.extractAndUpdateFromText(fact.object as string, message.role))
  }

  deleteMemory(idx: number): void {
    checkIndex(idx, this.kg.length, INDEX_ERROR)
    this.kg.splice(idx, 1)
  }

  /** Newest first; n <= 0 gives []. */
  retrieveRecent(n = 1): LlmDict[] {
    if (n <= 0) return []
    return this.newestFirst(this.kg).slice(0, n).map(toLlmDict)
  }

  /** Oldest first (stable for equal timestamps). */
  retrieveAll(): LlmDict[] {
    return [...this.kg].sort(byTimestamp).map(toLlmDict)
  }

  retrieveById(messageId: string): LlmDict | null {
    const fact = this.kg.find((f) => f.message_id === messageId)
    return fact ? toLlmDict(fact) : null
  }

  removeById(messageId: string): boolean {
    const i = this.kg.findIndex((f) => f.message_id === messageId)
    if (i < 0) return false
    this.kg.splice(i, 1)
    return true
  }

  /** Newest first, limited to n when n > 0 (no negative-n quirk here). */
  retrieveByRole(role: string, n?: number | null): LlmDict[] {
    const filtered = this.newestFirst(this.kg.filter((f) => f.role === role))
    return (n !== null && n !== undefined && n > 0 ? filtered.slice(0, n) : filtered).map(toLlmDict)
  }

  /** Clears every fact, the description fact included. */
  resetMemory(): void {
    this.kg = []
    this.emitReset()
  }

  getFacts(): readonly KgFact[] {
    return this.kg.map((f) => ({ ...f }))
  }

  private newestFirst(facts: readonly KgFact[]): KgFact[] {
    // Python's sorted(reverse=True) keeps equal timestamps in their original order.
    return [...facts].sort((a, b) => b.timestamp - a.timestamp)
  }

  private rawContentFact(role: string, content: JsonValue): KgFact {
    const text = isTruthy(content) ? pyStr(content) : 'empty'
    return this.newFact(role, RAW_CONTENT_SUBJECT, RAW_CONTENT_PREDICATE, text)
  }

  private newFact(role: string, subject: JsonValue, predicate: JsonValue, object: JsonValue): KgFact {
    return {
      role,
      subject,
      predicate,
      object,
      timestamp: this.now(),
      message_id: globalThis.crypto.randomUUID(),
    }
  }

  private parseReply(reply: string): unknown {
    try {
      return toPlain(parsePyJson(reply))
    } catch {
      this.warn(`KG extraction result was string but not valid JSON: ${reply}`)
      return null
    }
  }

  private track(task: Promise<unknown>): void {
    this.pending.add(task)
    void task.finally(() => this.pending.delete(task))
  }
}

const toLlmDict = (fact: KgFact): LlmDict => ({ role: fact.role, content: renderFact(fact) })

export { parseFactRendering, renderFact, type KgFact, type ParsedFactRendering } from './kgFacts'
