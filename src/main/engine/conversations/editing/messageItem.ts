/**
 * One message of an open conversation: an original message of its source (by position, written back as it was)
 * or a new value. `id` is the message's identity while the conversation is open: it survives edits, inserts,
 * deletes and moves (an edited message keeps its id; an inserted or duplicated one gets a new one). Ids are never
 * written to a file or the store. An edited message remembers which original it replaces, so a save can say what
 * changed.
 */
export type MessageItem =
  | { readonly id: number; readonly original: number }
  | { readonly id: number; readonly value: unknown; readonly replaces?: number }

/** The original message an item stands for: itself, or the one an edited value replaced. */
export const originOf = (item: MessageItem): number | undefined =>
  'original' in item ? item.original : item.replaces
