/**
 * One MARSYS file message ↔ one store message, both directions in one place so they cannot drift apart.
 *
 * MARSYS → store: role, content, `tool_calls` map to the store's fields; `name`, `tool_call_id` and
 * `reasoning_details` go to `metadata` (the store's convention); a role the store has no value for, and content
 * that is not a string (null, a typed array, a number), are recorded under `metadata.marsys` so they come back.
 * Whatever the generic mapping would not reproduce byte for byte (key order, float spellings, unknown keys,
 * `agent_calls`, `images`) is kept as the entry's original JSON text in `metadata.marsys.original`, used on the
 * way back only while the message is unchanged (checked with a fingerprint).
 */
import { createHash } from 'node:crypto'
import { isPlainObject } from '../../../shared/model/langswarm/jsonFields'
import {
  isMessageRole,
  Message,
  MessageRole,
  type JsonObject,
  type UtcDateTime,
} from '../../../shared/model/langswarm'
import { dumpPyJson, fromPlain, parsePyJson, PyObject, toPlain, type PyValue } from '../../../shared/pyjson'
import { parseFactRendering } from '../marsys/memory/kgFacts'
import { openAiToolCalls } from './toolCallShape'
import type { LossEntry } from './types'

/** `metadata.marsys`: what a MARSYS message needs beyond the store's fields. */
export interface MarsysMessageExtras {
  /** The MARSYS role, when it is not one of the store's five. */
  role?: string
  /** `null`: the content was null (the store holds ""); `json`: the store holds the JSON text of the value. */
  content?: 'null' | 'json'
  /** The entry's exact JSON text, when the fields above do not rebuild it byte for byte. */
  original?: string
  /** Fingerprint of the message as imported; `original` applies only while it still matches. */
  fingerprint?: string
}

/** `metadata.kg_fact` on messages of a `kg` file: the fact the rendering states. */
export interface KgFactFields {
  role: string
  subject: string
  predicate: string
  object: string
  /** `exact` when the rendering splits one way only; `guessed` when subject/predicate were assumed one word each. */
  split: 'exact' | 'guessed'
  /** Kept when the fact entry carries one (MARSYS itself writes none). */
  confidence?: unknown
}

/** Metadata keys this mapping writes and reads back (everything else is lost in a MARSYS file). */
const MARSYS_METADATA_KEYS = new Set(['name', 'tool_call_id', 'reasoning_details', 'marsys', 'kg_fact'])

const COMPACT = { separators: [',', ':'] as const, ensureAscii: false }
const dumpCompact = (value: PyValue): string => dumpPyJson(value, COMPACT)

export interface FromMarsysOptions {
  timestamp: UtcDateTime
  messageId: string
  /** The file's `memory_type`; `kg` adds `metadata.kg_fact`. */
  memoryType: string | null
}

/** A MARSYS file entry (already accepted by MARSYS's loader rules) as a store message. */
export function messageFromMarsysEntry(entry: PyObject, options: FromMarsysOptions): Message {
  const role = entry.get('role') as string
  const rawContent = entry.get('content') ?? null
  const extras: MarsysMessageExtras = {}
  const metadata: JsonObject = {}

  if (!isMessageRole(role)) extras.role = role
  let content: string
  if (typeof rawContent === 'string') content = rawContent
  else if (rawContent === null) {
    content = ''
    extras.content = 'null'
  } else {
    content = dumpCompact(rawContent)
    extras.content = 'json'
  }
  for (const key of ['name', 'tool_call_id'] as const) {
    const value = entry.get(key)
    if (typeof value === 'string' && value !== '') metadata[key] = value
  }
  const reasoning = entry.get('reasoning_details')
  if (Array.isArray(reasoning) && reasoning.length > 0) metadata.reasoning_details = toPlain(reasoning)
  const calls = entry.get('tool_calls')
  const toolCalls = Array.isArray(calls) && calls.length > 0 ? (toPlain(calls) as JsonObject[]) : null

  if (options.memoryType === 'kg' && typeof rawContent === 'string') {
    const fact = parseFactRendering(rawContent)
    if (fact !== null) {
      const kg: KgFactFields = {
        role: fact.role,
        subject: fact.subject,
        predicate: fact.predicate,
        object: fact.object,
        split: fact.ambiguous ? 'guessed' : 'exact',
      }
      const confidence = entry.get('confidence')
      if (confidence !== undefined) kg.confidence = toPlain(confidence)
      metadata.kg_fact = kg as unknown as JsonObject
    }
  }

  const base = new Message({
    role: isMessageRole(role) ? role : MessageRole.USER,
    content,
    timestamp: options.timestamp,
    message_id: options.messageId,
    metadata: Object.keys(extras).length > 0 ? { ...metadata, marsys: { ...extras } } : metadata,
    tool_calls: toolCalls,
  })
  const original = dumpCompact(entry)
  if (dumpCompact(marsysEntryOf(base).entry) === original) return base
  extras.original = original
  extras.fingerprint = fingerprint(base)
  return base.with({ metadata: { ...metadata, marsys: { ...extras } } })
}

export interface MarsysEntry {
  entry: PyObject
  /** Fields of the store message a MARSYS file cannot hold. */
  losses: LossEntry[]
}

/** A store message as the entry MARSYS's `to_llm_dict` would write for it (key order included). */
export function marsysEntryOf(message: Message): MarsysEntry {
  const extras = marsysExtras(message)
  const losses = lossesOf(message)
  if (extras.original !== undefined && extras.fingerprint === fingerprint(message)) {
    const entry = parsePyJson(extras.original)
    if (entry instanceof PyObject) return { entry, losses }
  }
  const role = extras.role ?? message.role
  const entry = new PyObject()
  entry.set('role', role)
  const name = message.name ?? (typeof message.metadata.name === 'string' ? message.metadata.name : null)
  if (role === 'tool') {
    // MARSYS writes tool content as a string whatever it held.
    entry.set('content', message.content)
    if (message.toolCallId !== null) entry.set('tool_call_id', message.toolCallId)
    if (name !== null) entry.set('name', name)
    if (message.tool_calls !== null && message.tool_calls.length > 0)
      losses.push({ field: 'tool_calls', count: 1, reason: 'MARSYS writes no tool_calls on a tool message' })
    return { entry, losses }
  }
  entry.set('content', contentOf(message, extras))
  if (name !== null) entry.set('name', name)
  const calls = openAiToolCalls(message)
  if (calls.converted > 0)
    losses.push({
      field: message.function_call !== null ? 'function_call' : 'tool_calls',
      count: 1,
      reason: 'rewritten in the OpenAI tool-call shape MARSYS requires (id, type, function.name/arguments)',
    })
  if (calls.calls.length > 0) entry.set('tool_calls', fromPlain(calls.calls))
  const reasoning = message.metadata.reasoning_details
  if (Array.isArray(reasoning) && reasoning.length > 0) entry.set('reasoning_details', fromPlain(reasoning))
  return { entry, losses }
}

/** The content as the MARSYS file held it: null, a typed array, a number… or the text. */
export const originalContent = (message: Message): PyValue => contentOf(message, marsysExtras(message))

function contentOf(message: Message, extras: MarsysMessageExtras): PyValue {
  if (extras.content === 'null' && message.content === '') return null
  if (extras.content === 'json') {
    try {
      return parsePyJson(message.content)
    } catch {
      return message.content // edited into something that is no longer JSON: keep the text
    }
  }
  return message.content
}

function lossesOf(message: Message): LossEntry[] {
  const losses: LossEntry[] = []
  if (message.token_count !== null)
    losses.push({ field: 'token_count', count: 1, reason: 'a MARSYS message has no token count' })
  const dropped = Object.keys(message.metadata).filter((key) => !MARSYS_METADATA_KEYS.has(key))
  for (const key of dropped)
    losses.push({ field: `metadata.${key}`, count: 1, reason: 'a MARSYS message has no place for it' })
  return losses
}

export function marsysExtras(message: Message): MarsysMessageExtras {
  const value = message.metadata.marsys
  return isPlainObject(value) ? (value as MarsysMessageExtras) : {}
}

/** What the user can change about a message; `original` is valid only while these are as imported. */
function fingerprint(message: Message): string {
  const { marsys: _marsys, ...metadata } = message.metadata
  const extras = marsysExtras(message)
  return createHash('sha1')
    .update(
      JSON.stringify([
        extras.role ?? null,
        extras.content ?? null,
        message.role,
        message.content,
        message.tool_calls,
        message.function_call,
        metadata,
      ]),
    )
    .digest('hex')
}
