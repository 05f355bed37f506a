import type { Message } from './message'

/** Counts the tokens of a text. `id` names the method, so stored totals can tell which estimator produced them. */
export interface TokenEstimator {
  readonly id: string
  count(text: string): number
}

/** The characters Python's `str.split()` splits on (`str.isspace()`); JS `\s` differs (it has U+FEFF, lacks U+001C–U+001F and U+0085). */
// eslint-disable-next-line no-control-regex -- U+001C–U+001F are whitespace to Python and must split words here too
const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

/** The seed's estimate: the number of whitespace-separated words, exactly `len(content.split())`. */
export const wordCountEstimator: TokenEstimator = {
  id: 'words',
  count: (text) => splitPythonWords(text).length,
}

export function splitPythonWords(text: string): string[] {
  return text.split(PYTHON_WHITESPACE).filter((word) => word !== '')
}

/** A message's cost as the Python computes it: a truthy stored `token_count` wins over the estimate. */
export const messageTokenCost = (message: Message, estimator: TokenEstimator): number =>
  message.token_count || estimator.count(message.content)
