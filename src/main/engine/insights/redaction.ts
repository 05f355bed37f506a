/**
 * Secrets in whole messages: every string of a message (content and its parts, tool-call names and arguments,
 * `name`, metadata, unknown fields) is scanned; structural ids, the role and inline image data are not. The
 * result says, per message and JSON path, what the redacted text is — the edit the app applies (and can undo).
 */
import { findSecretsInText, redactText, type SecretKind } from './secretPatterns'

export type PathSegment = string | number

export interface SecretFinding {
  messageIndex: number
  /** Path inside the message, e.g. `['tool_calls', 0, 'function', 'arguments']`. */
  path: PathSegment[]
  /** The same as text: `$.messages[3].tool_calls[0].function.arguments` (relative to a MARSYS file). */
  jsonPath: string
  kind: SecretKind
  start: number
  end: number
  /** Never the secret: its first characters and its length, e.g. `sk-p… (51 chars)`. */
  preview: string
}

export interface RedactionEdit {
  messageIndex: number
  path: PathSegment[]
  jsonPath: string
  /** The string at `path` with every secret replaced by `[REDACTED:<kind>]`. */
  replacement: string
  kinds: SecretKind[]
}

export interface SecretScan {
  findings: SecretFinding[]
  /** One edit per string that holds secrets. */
  edits: RedactionEdit[]
  /** Message indices with at least one finding, ascending. */
  messageIndices: number[]
  byKind: Partial<Record<SecretKind, number>>
}

/** Keys whose string values are structure, not text a secret could hide in. */
const SKIPPED_KEYS = new Set(['role', 'id', 'tool_call_id', 'message_id', 'type', 'timestamp'])
const PREVIEW_CHARS = 4

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
export function formatPath(messageIndex: number, path: readonly PathSegment[]): string {
  let out = `$.messages[${messageIndex}]`
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`
  }
  return out
}

const isInlineImage = (text: string): boolean => text.startsWith('data:') && text.includes(';base64,')

function visitStrings(
  value: unknown,
  path: PathSegment[],
  visit: (text: string, path: PathSegment[]) => void,
): void {
  if (typeof value === 'string') {
    if (!isInlineImage(value)) visit(value, path)
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => visitStrings(item, [...path, i], visit))
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (SKIPPED_KEYS.has(key) && typeof item === 'string') continue
      visitStrings(item, [...path, key], visit)
    }
  }
}

/** Kinds with no public prefix: showing their first characters would give part of the secret away. */
const OPAQUE: ReadonlySet<SecretKind> = new Set([
  'password',
  'url-password',
  'bearer-token',
  'aws-secret-key',
])

const preview = (kind: SecretKind, secret: string): string =>
  `${OPAQUE.has(kind) ? '' : secret.slice(0, PREVIEW_CHARS)}… (${secret.length} chars)`

export function scanSecrets(messages: readonly unknown[]): SecretScan {
  const findings: SecretFinding[] = []
  const edits: RedactionEdit[] = []
  const indices: number[] = []
  const byKind: Partial<Record<SecretKind, number>> = {}
  messages.forEach((message, messageIndex) => {
    const before = findings.length
    visitStrings(message, [], (text, path) => {
      const matches = findSecretsInText(text)
      if (matches.length === 0) return
      const jsonPath = formatPath(messageIndex, path)
      for (const match of matches) {
        findings.push({
          messageIndex,
          path,
          jsonPath,
          kind: match.kind,
          start: match.start,
          end: match.end,
          preview: preview(match.kind, text.slice(match.start, match.end)),
        })
        byKind[match.kind] = (byKind[match.kind] ?? 0) + 1
      }
      edits.push({
        messageIndex,
        path,
        jsonPath,
        replacement: redactText(text, matches),
        kinds: [...new Set(matches.map((match) => match.kind))],
      })
    })
    if (findings.length > before) indices.push(messageIndex)
  })
  return { findings, edits, messageIndices: indices, byKind }
}

function setAt(target: unknown, path: readonly PathSegment[], value: string): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  if (Array.isArray(target)) {
    const copy = [...target]
    copy[head as number] = setAt(copy[head as number], rest, value)
    return copy
  }
  const record = target as Record<string, unknown>
  return { ...record, [head]: setAt(record[head as string], rest, value) }
}

/** The messages with the edits applied; untouched messages are the same objects, touched ones are copies. */
export function applyRedactions(messages: readonly unknown[], edits: readonly RedactionEdit[]): unknown[] {
  const out = [...messages]
  for (const edit of edits)
    out[edit.messageIndex] = setAt(out[edit.messageIndex], edit.path, edit.replacement)
  return out
}

/** Redacted copies of the messages and the edits behind them. */
export function redactMessages(messages: readonly unknown[]): { messages: unknown[]; scan: SecretScan } {
  const scan = scanSecrets(messages)
  return { messages: applyRedactions(messages, scan.edits), scan }
}
