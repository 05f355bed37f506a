import { MESSAGE_FLAGS, type MessageFlag } from '../../../../shared/model/document'

/** Message flags as bits, so 100,000 messages' flags fit in one Uint16Array. */
export const FLAG_BIT: Record<MessageFlag, number> = Object.fromEntries(
  MESSAGE_FLAGS.map((flag, bit) => [flag, 1 << bit]),
) as Record<MessageFlag, number>

export const flagsFromBits = (bits: number): MessageFlag[] =>
  MESSAGE_FLAGS.filter((flag) => (bits & FLAG_BIT[flag]) !== 0)

export const countFlags = (bits: number): number => flagsFromBits(bits).length
