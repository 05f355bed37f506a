/**
 * One row of a document's message list: an original message of the file (by index, written back verbatim) or a
 * new value. An edited message remembers which original it replaces, so a save can say what changed.
 */
export type SavedMessage =
  { readonly original: number } | { readonly value: unknown; readonly replaces?: number }

/** The original message a row stands for: itself, or the one an edited value replaced. */
export const originOf = (item: SavedMessage): number | undefined =>
  'original' in item ? item.original : item.replaces
