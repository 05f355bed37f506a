import { PY_WHITESPACE_RUN, pyWordCount } from '../../tokens/pyText'
import type { Message } from './message'

/** Counts the tokens of a text. `id` names the method, so stored totals can tell which estimator produced them. */
export interface TokenEstimator {
  readonly id: string
  count(text: string): number
}

/** The seed's estimate: the number of whitespace-separated words, exactly `len(content.split())`. */
export const wordCountEstimator: TokenEstimator = {
  id: 'words',
  count: pyWordCount,
}

export function splitPythonWords(text: string): string[] {
  return text.split(PY_WHITESPACE_RUN).filter((word) => word !== '')
}

/** A message's cost as the Python computes it: a truthy stored `token_count` wins over the estimate. */
export const messageTokenCost = (message: Message, estimator: TokenEstimator): number =>
  message.token_count || estimator.count(message.content)
