/**
 * Optional entity extraction by an LLM, through whatever OpenAI-compatible client the app has: this module only
 * builds the request and reads the reply. Message text is redacted before it is sent, and bounded.
 */
import {
  BUCKETS,
  emptyBuckets,
  type Entity,
  type EntityBuckets,
  type EntityExtraction,
  type EntityKind,
} from './entities'
import { contentText, isPlain } from './messageView'
import { findSecretsInText, redactText } from './secretPatterns'

/** The request shape of an OpenAI-compatible chat call; `chatCompletion(settings, request)` fits. */
export interface EntityLlmRequest {
  messages: { role: 'system' | 'user'; content: string }[]
  jsonMode: boolean
  temperature: number
  maxTokens: number
}

/** Sends one chat request and returns the reply text. */
export type EntityLlm = (request: EntityLlmRequest) => Promise<string>

export interface LlmExtractOptions {
  /** Characters of conversation sent (default 24,000); later messages are left out. */
  maxChars?: number
}

export class LlmEntityError extends Error {
  override name = 'LlmEntityError'
}

const KINDS: readonly EntityKind[] = [
  'person',
  'organization',
  'place',
  'date',
  'url',
  'file-path',
  'id',
  'topic',
]

export const ENTITY_PROMPT = `You extract entities from a conversation between a user, AI agents and tools.
Messages are numbered [#index]. Reply with one JSON object, no prose:
{"entities": [{"kind": "<${KINDS.join('|')}>", "text": "<as written>", "messages": [<indices where it appears>]}]}
Only entities that appear in the text. Use the message indices shown.`

const SCAN_MARGIN = 4096

/** The conversation as numbered lines, redacted, cut to `maxChars`. */
export function llmEntityRequest(messages: readonly unknown[], maxChars: number): EntityLlmRequest {
  let body = ''
  for (let i = 0; i < messages.length && body.length < maxChars; i++) {
    const message = messages[i]
    if (!isPlain(message)) continue
    // Only what can still be sent is scanned (with room for a secret that crosses the cut).
    const raw = contentText(message.content).slice(0, maxChars - body.length + SCAN_MARGIN)
    const secrets = findSecretsInText(raw)
    const text = secrets.length === 0 ? raw : redactText(raw, secrets)
    if (text.trim() === '') continue
    body += `[#${i}] ${String(message.role)}: ${text.slice(0, maxChars - body.length)}\n`
  }
  return {
    messages: [
      { role: 'system', content: ENTITY_PROMPT },
      { role: 'user', content: body },
    ],
    jsonMode: true,
    temperature: 0,
    maxTokens: 2000,
  }
}

function jsonObjectIn(reply: string): unknown {
  const start = reply.indexOf('{')
  const end = reply.lastIndexOf('}')
  if (start < 0 || end < start) throw new LlmEntityError('the LLM reply holds no JSON object')
  try {
    return JSON.parse(reply.slice(start, end + 1))
  } catch {
    throw new LlmEntityError('the LLM reply is not valid JSON')
  }
}

/**
 * Reads the reply into the same buckets as the offline extraction (source `llm`). Unknown kinds, indices out of
 * range and entities without text are dropped; the reply must be a JSON object with an `entities` list.
 */
export function parseLlmEntities(reply: string, messageCount: number): EntityBuckets {
  const data = jsonObjectIn(reply)
  const list = isPlain(data) ? data.entities : undefined
  if (!Array.isArray(list)) throw new LlmEntityError('the LLM reply has no "entities" list')
  const out = emptyBuckets()
  const seen = new Map<string, Entity>()
  for (const item of list) {
    if (!isPlain(item) || typeof item.text !== 'string' || item.text.trim() === '') continue
    const kind = item.kind as EntityKind
    if (!KINDS.includes(kind)) continue
    const indices = (Array.isArray(item.messages) ? item.messages : [])
      .filter((i): i is number => Number.isInteger(i) && (i as number) >= 0 && (i as number) < messageCount)
      .sort((a, b) => a - b)
    const text = item.text.trim()
    const key = `${kind}\u0000${text.toLowerCase()}`
    const known = seen.get(key)
    if (known) {
      known.messageIndices = [...new Set([...known.messageIndices, ...indices])].sort((a, b) => a - b)
      known.occurrences = known.messageIndices.length
      continue
    }
    const entity: Entity = {
      kind,
      text,
      key: text.toLowerCase(),
      occurrences: indices.length,
      messageIndices: [...new Set(indices)],
      source: 'llm',
    }
    seen.set(key, entity)
    out[BUCKETS[kind]].push(entity)
  }
  return out
}

/** Asks the LLM; errors of the client pass through, a reply that cannot be read is an LlmEntityError. */
export async function extractEntitiesWithLlm(
  messages: readonly unknown[],
  llm: EntityLlm,
  options: LlmExtractOptions = {},
): Promise<EntityBuckets> {
  const reply = await llm(llmEntityRequest(messages, options.maxChars ?? 24_000))
  return parseLlmEntities(reply, messages.length)
}

/**
 * The offline extraction with what the LLM found added: an entity both found keeps its offline form and gains the
 * LLM's messages; one only the LLM found is appended with source `llm`.
 */
export function mergeEntities(offline: EntityExtraction, llm: EntityBuckets): EntityExtraction {
  const out: EntityExtraction = { ...offline }
  for (const bucket of Object.values(BUCKETS)) {
    const merged = offline[bucket].map((entity) => ({ ...entity }))
    const byKey = new Map(merged.map((entity) => [entity.key, entity]))
    for (const entity of llm[bucket]) {
      const known = byKey.get(entity.key)
      if (!known) {
        merged.push(entity)
        byKey.set(entity.key, entity)
        continue
      }
      const indices = [...new Set([...known.messageIndices, ...entity.messageIndices])].sort((a, b) => a - b)
      known.occurrences = Math.max(known.occurrences, indices.length)
      known.messageIndices = indices
    }
    out[bucket] = merged
  }
  return out
}
