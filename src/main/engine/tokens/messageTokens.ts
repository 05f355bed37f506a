/**
 * Every counter's figure for one message, computed where the tokenizers live (a worker thread): MARSYS's
 * DefaultTokenCounter, langswarm's word estimate and real BPE counts with the chat rule (chatTokenRule.ts).
 */
import { JsonSyntaxError, parsePyJson, toPlain } from '../../../shared/pyjson'
import { wordCountEstimator, type TokenEstimator } from '../../../shared/model/langswarm'
import { DefaultTokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import type { TokenizerEncoding } from '../langswarm/tokenizerEstimator'
import { chatMessageTokens, type KindTokens } from './chatTokenRule'
import { messageParts } from './messageParts'

export type BpeEncoding = TokenizerEncoding
export const BPE_ENCODINGS: readonly BpeEncoding[] = ['o200k_base', 'cl100k_base']

export const isBpeEncoding = (name: string): name is BpeEncoding =>
  (BPE_ENCODINGS as readonly string[]).includes(name)

export interface MessageTokens {
  /** The message's role ('' when it has none or is not an object). */
  role: string
  /** MARSYS's DefaultTokenCounter; null for a list entry that is not an object (MARSYS skips it). */
  marsys: number | null
  /** langswarm's estimate: the whitespace-separated words of the message's text (`len(content.split())`). */
  langswarm: number
  o200k_base?: KindTokens
  cl100k_base?: KindTokens
}

const marsysCounter = new DefaultTokenCounter()

export function countMessageTokens(
  message: unknown,
  encoders: ReadonlyMap<BpeEncoding, TokenEstimator>,
): MessageTokens {
  const parts = messageParts(message)
  const result: MessageTokens = {
    role: parts.role,
    marsys: parts.isObject ? marsysCounter.countMessage(message) : null,
    langswarm: parts.texts.reduce((sum, text) => sum + wordCountEstimator.count(text), 0),
  }
  for (const [encoding, estimator] of encoders) result[encoding] = chatMessageTokens(parts, estimator.count)
  return result
}

/** A message's JSON text as plain data (Python's NaN and Infinity accepted). */
export function parseMessageText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    try {
      return toPlain(parsePyJson(text))
    } catch (pyError) {
      if (pyError instanceof JsonSyntaxError) throw new Error(`invalid message JSON: ${pyError.message}`)
      throw pyError
    }
  }
}
