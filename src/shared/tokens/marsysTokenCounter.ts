/**
 * MARSYS's `DefaultTokenCounter` (marsys.utils.tokens): a character heuristic over LLM-shaped message dicts (the
 * shape written to memory files). Numbers match MARSYS exactly: lengths are Python code points and `int()`
 * truncation happens at exactly MARSYS's places, so fractional parts of the tool-call sum and of the name carry
 * into the final truncation.
 *
 * Inputs MARSYS itself would crash on (a tool call that is not a dict, a `text` or function `name` that is null
 * or a number) are counted as if that part were empty instead of throwing.
 */
import { dumpPyJson, isTruthy } from '../pyjson'
import { pyLen } from './pyText'
import { pyStr } from './pyRepr'
import { asPythonData, dictEntries, dictGet, isDict } from './pythonData'

export interface TokenCounterOptions {
  /** Tokens per `image_url` part (MARSYS default 800). */
  imageTokenEstimate?: number
  /** Characters per token (MARSYS default 4.0). */
  charsPerToken?: number
}

export interface MessagesTokenCount {
  total: number
  perMessage: number[]
}

/**
 * The lengths the counter reads from a plain message (string or absent content, string name, tool calls with
 * string names and arguments), gathered without decoding it, e.g. while scanning a file's bytes.
 */
export interface MessageShape {
  /** Code points of a string `content`; 0 when it is absent, null, a number or a literal. */
  contentChars: number
  /** List content instead: each text part's code points (a `text` part's text, or a string item), in order. */
  contentTexts?: readonly number[]
  /** List content: the `image_url` parts. */
  contentImages?: number
  /** Code points of the `name` (0 when absent, null or empty). */
  nameChars: number
  toolCalls: number
  /** Code points of every tool call's function name plus its arguments (`"{}"`, 2, when arguments are absent). */
  toolCallChars: number
  hasToolCallId: boolean
}

/** The interface MARSYS's managed memory expects of a counter (`count_message` / `count_messages`). */
export interface TokenCounter {
  countMessage(msg: unknown): number
  countMessages(msgs: readonly unknown[]): MessagesTokenCount
}

const ROLE_OVERHEAD = 3
const TOOL_CALL_OVERHEAD = 5
const TOOL_CALL_ID_OVERHEAD = 10

// `json.dumps(x, separators=(",", ":"))` with ensure_ascii left at its default (True) — MARSYS passes no
// ensure_ascii in the counter, for dict content, unknown list items and non-string arguments alike — so every
// non-ASCII character counts as its 6-character `\uXXXX` escape (12 for an astral one).
const compactAsciiJson = (value: unknown): string =>
  dumpPyJson(asPythonData(value), { separators: [',', ':'] })

// `len(x)` where MARSYS expects a str but may meet a list or dict; anything else would be a TypeError there.
function lengthOf(value: unknown): number {
  if (typeof value === 'string') return pyLen(value)
  if (Array.isArray(value)) return value.length
  return dictEntries(value)?.length ?? 0
}

export class DefaultTokenCounter implements TokenCounter {
  readonly imageTokenEstimate: number
  readonly charsPerToken: number

  constructor(opts: TokenCounterOptions = {}) {
    this.imageTokenEstimate = opts.imageTokenEstimate ?? 800
    this.charsPerToken = opts.charsPerToken ?? 4
  }

  countMessage(msg: unknown): number {
    const content = dictGet(msg, 'content')
    const toolCalls = dictGet(msg, 'tool_calls')
    const name = dictGet(msg, 'name')
    return this.combine(
      content !== undefined && content !== null ? this.countContent(content) : 0,
      isTruthy(toolCalls) ? this.countToolCalls(toolCalls) : 0,
      isTruthy(name) ? pyLen(pyStr(name)) : 0,
      isTruthy(dictGet(msg, 'tool_call_id')),
    )
  }

  /**
   * `countMessage` from a message's lengths. Exact when `charsPerToken` is a power of two (the default 4): MARSYS
   * sums each call's `len / charsPerToken` in turn, which equals the sum of lengths divided once only then.
   */
  countShape(shape: MessageShape): number {
    const toolCallTokens = Math.trunc(
      shape.toolCalls * TOOL_CALL_OVERHEAD + shape.toolCallChars / this.charsPerToken,
    )
    let contentTokens = this.tokensFor(shape.contentChars)
    if (shape.contentTexts) {
      contentTokens = (shape.contentImages ?? 0) * this.imageTokenEstimate
      for (const chars of shape.contentTexts) contentTokens += this.tokensFor(chars)
    }
    return this.combine(contentTokens, toolCallTokens, shape.nameChars, shape.hasToolCallId)
  }

  /** MARSYS's additions in its order (the name's fraction carries into the final truncation). */
  private combine(contentTokens: number, toolCallTokens: number, nameChars: number, hasId: boolean): number {
    let total = ROLE_OVERHEAD + contentTokens + toolCallTokens
    if (nameChars > 0) total += nameChars / this.charsPerToken
    if (hasId) total += TOOL_CALL_ID_OVERHEAD
    return Math.trunc(total)
  }

  countMessages(msgs: readonly unknown[]): MessagesTokenCount {
    const perMessage = msgs.map((msg) => this.countMessage(msg))
    return { total: perMessage.reduce((sum, n) => sum + n, 0), perMessage }
  }

  private tokensFor(length: number): number {
    return Math.trunc(length / this.charsPerToken)
  }

  private countContent(content: unknown): number {
    if (typeof content === 'string') return this.tokensFor(pyLen(content))
    if (Array.isArray(content)) {
      let total = 0
      for (const item of content) total += this.countContentItem(item)
      return total
    }
    if (isDict(content)) return this.tokensFor(pyLen(compactAsciiJson(content)))
    return 0
  }

  private countContentItem(item: unknown): number {
    if (!isDict(item)) return this.tokensFor(pyLen(pyStr(item)))
    const type = dictGet(item, 'type')
    if (type === 'text') {
      const text = dictGet(item, 'text')
      return this.tokensFor(text === undefined ? 0 : lengthOf(text))
    }
    if (type === 'image_url') return this.imageTokenEstimate
    return this.tokensFor(pyLen(compactAsciiJson(item)))
  }

  private countToolCalls(toolCalls: unknown): number {
    // MARSYS iterates whatever is truthy; only a list of dicts is meaningful.
    const calls = Array.isArray(toolCalls) ? toolCalls : []
    let total = 0
    for (const call of calls) {
      total += TOOL_CALL_OVERHEAD
      // `tc.get("function", {})`: a missing function still counts its default "{}" arguments.
      const stored = dictGet(call, 'function')
      const fn = stored === undefined && isDict(call) ? {} : stored
      if (!isDict(fn)) continue
      const name = dictGet(fn, 'name')
      total += (name === undefined ? 0 : lengthOf(name)) / this.charsPerToken
      const args = dictGet(fn, 'arguments')
      if (args === undefined) total += pyLen('{}') / this.charsPerToken
      else if (typeof args === 'string') total += pyLen(args) / this.charsPerToken
      else total += pyLen(compactAsciiJson(args)) / this.charsPerToken
    }
    return Math.trunc(total)
  }
}
