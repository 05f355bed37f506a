import { KINDS, type KindTokens } from './chatTokenRule'
import type { BpeEncoding, MessageTokens } from './messageTokens'

/**
 * A batch's counts as a worker sends them: numbers in one transferable array instead of an object per message,
 * whose structured clone cost a worker about a tenth of its time. Per message: MARSYS (NaN for null), langswarm,
 * then for each encoding of the request its kinds in KINDS order and the total.
 */
export interface PackedTokens {
  roles: string[]
  numbers: Float64Array
}

const perMessage = (encodings: readonly BpeEncoding[]): number => 2 + encodings.length * (KINDS.length + 1)

export function packTokens(
  counts: readonly MessageTokens[],
  encodings: readonly BpeEncoding[],
): PackedTokens {
  const numbers = new Float64Array(counts.length * perMessage(encodings))
  let at = 0
  for (const tokens of counts) {
    numbers[at++] = tokens.marsys ?? NaN
    numbers[at++] = tokens.langswarm
    for (const encoding of encodings) {
      const kinds = tokens[encoding]
      if (!kinds) throw new Error(`no ${encoding} count to pack`)
      for (const kind of KINDS) numbers[at++] = kinds[kind]
      numbers[at++] = kinds.total
    }
  }
  return { roles: counts.map((tokens) => tokens.role), numbers }
}

export function unpackTokens(packed: PackedTokens, encodings: readonly BpeEncoding[]): MessageTokens[] {
  const { roles, numbers } = packed
  if (numbers.length !== roles.length * perMessage(encodings))
    throw new Error(`packed counts hold ${numbers.length} numbers for ${roles.length} messages`)
  let at = 0
  return roles.map((role) => {
    const marsys = numbers[at++]
    const tokens: MessageTokens = {
      role,
      marsys: Number.isNaN(marsys) ? null : marsys,
      langswarm: numbers[at++],
    }
    for (const encoding of encodings) {
      const kinds = {} as KindTokens
      for (const kind of KINDS) kinds[kind] = numbers[at++]
      kinds.total = numbers[at++]
      tokens[encoding] = kinds
    }
    return tokens
  })
}
