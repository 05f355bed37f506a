import type { Diagnostic, DocumentSummary } from '../../../shared/model/document'
import type { DiskStatus } from '../../../shared/model/edit'
import type { PyValue } from '../../../shared/pyjson'
import type { MessageProblemView } from './index/messageAnalysis'

/** Bytes `start` to `end` of `bytes`. */
export interface BytesSpan {
  bytes: Buffer
  start: number
  end: number
}

/** What a source tells about itself for the conversation's summary (the rest comes from the index). */
export type SourceDescription = Pick<
  DocumentSummary,
  | 'source'
  | 'path'
  | 'name'
  | 'sessionId'
  | 'memoryType'
  | 'status'
  | 'bytes'
  | 'modifiedMs'
  | 'marsysLoadable'
  | 'errorCount'
  | 'warningCount'
  | 'notAMemory'
  | 'loading'
>

/**
 * Where a conversation's messages come from and go back to: a MARSYS file (read and written losslessly by the
 * codec) or a session of the store. The conversation engine (rows, pairing, lint, search, edits, undo) is written
 * once against this; a source only reads and writes its own format.
 */
export interface ConversationSource {
  readonly kind: 'file' | 'session'
  /** How messages and errors name the conversation: the file name, or "session <id>". */
  readonly displayName: string
  /** The file path, or the store's path and the session id. */
  readonly location: string
  /** The messages as the source holds them (the originals an open conversation starts from). */
  originalCount(): number
  /** An original message as plain JSON (numbers as JS numbers), for analysis and display. */
  plainOriginal(position: number): unknown
  /** An original message exactly as the source holds its text. */
  rawOriginal(position: number): string
  /** Where an original message's UTF-8 bytes are: its span of the source's whole (unchanging) buffer, if it has one. */
  originalBytes?(position: number): BytesSpan
  /** A fresh, mutable, lossless copy of an original message, for editing. */
  decodeOriginal(position: number): PyValue
  /** The text of an edited message as the source would write it. */
  rawValue(value: PyValue): string
  /** MARSYS's count of an original message when the source knows it cheaply (null: not a message MARSYS loads). */
  originalTokens?(position: number): number | null
  /**
   * The sum of `originalTokens` over every original message, when the source knows it without the index (a
   * file's byte scan counts every message's lengths): null until then.
   */
  originalTokenTotal?(): number | null
  /** Whether conversation rules (tool-call pairing, turn order, system prompt) apply; not for a `kg` memory. */
  readonly conversationRules?: boolean
  /** What this source's loader would say about one message (MARSYS's loader rules, the store's message rules). */
  checkMessage(plain: unknown): MessageProblemView[]
  /** The conversation's own fields this source has: `additional_state` (files), `metadata` (sessions). */
  readonly fields: readonly string[]
  /** A field as the source holds it. */
  fieldValue(field: string): { present: boolean; value: unknown }
  /** A session's metadata after a patch, checked; only store sessions have metadata. */
  patchMetadata?(current: { value: unknown } | undefined, patch: Record<string, unknown>): unknown
  /** Why the conversation cannot be edited now (a file that did not parse), or null. */
  notEditable(): string | null
  diskStatus(): DiskStatus
  describe(): SourceDescription
  /** Problems of the source as a whole (a file's top level); those with a `messageIndex` are the messages' own. */
  readonly diagnostics?: { errors: Diagnostic[]; warnings: Diagnostic[] }
}
