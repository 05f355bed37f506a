import type { BpeEncoding } from './messageTokens'
import type { PackedTokens } from './packedTokens'

export type TokenWorkerPriority = 'below-normal' | 'normal'

/** What a token worker is started with. */
export interface TokenWorkerData {
  priority: TokenWorkerPriority
}

/** One batch for a token worker: messages as JSON text, counted with these encodings. */
export interface TokenWorkerRequest {
  id: number
  encodings: BpeEncoding[]
  texts: string[]
}

export type TokenWorkerResponse =
  | { id: number; counts: PackedTokens }
  /** `index` is the message's position in the batch when one message is at fault. */
  | { id: number; error: string; index?: number }
