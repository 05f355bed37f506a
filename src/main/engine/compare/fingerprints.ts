import { createHash } from 'node:crypto'
import { parsePyJson, toPlain } from '../../../shared/pyjson'
import { isRecord, messageFacts } from '../conversations/index/messageFacts'
import type { AlignSide } from './alignRows'

/**
 * Turns messages into the small integers the alignment compares: equal numbers for equal strings, shared by both
 * sides of one comparison. Strings are hashed first so a large message's text is not kept twice.
 */
export class Interner {
  private readonly ids = new Map<string, number>()

  idOf(text: string): number {
    const key = text.length > 64 ? createHash('sha1').update(text).digest('base64') : `=${text}`
    let id = this.ids.get(key)
    if (id === undefined) {
      id = this.ids.size
      this.ids.set(key, id)
    }
    return id
  }
}

/**
 * A message's JSON text as plain JSON: JSON.parse for the common case, the lossless parser for what only Python
 * writes (NaN, Infinity); a text no parser reads (nesting deeper than CPython loads) stays a string, never a crash.
 */
export function plainOfRaw(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    try {
      return toPlain(parsePyJson(raw))
    } catch {
      return raw
    }
  }
}

/** Role, content and tool calls: a message keeps its fingerprint when only its other fields change. */
export function fingerprintText(plain: unknown): string {
  if (!isRecord(plain)) return JSON.stringify(plain) ?? String(plain)
  return JSON.stringify([plain.role ?? null, plain.content ?? null, plain.tool_calls ?? null])
}

/** Collects one side's numbers message by message. */
export class SideFingerprints {
  private readonly side: AlignSide

  constructor(
    count: number,
    private readonly interner: Interner,
  ) {
    this.side = {
      fingerprints: new Int32Array(count),
      contents: new Int32Array(count),
      roles: new Int32Array(count),
    }
  }

  add(position: number, plain: unknown): void {
    this.side.fingerprints[position] = this.interner.idOf(fingerprintText(plain))
    this.side.contents[position] = this.interner.idOf(JSON.stringify(plain) ?? String(plain))
    this.side.roles[position] = this.interner.idOf(`role:${messageFacts(plain).role}`)
  }

  result(): AlignSide {
    return this.side
  }
}
